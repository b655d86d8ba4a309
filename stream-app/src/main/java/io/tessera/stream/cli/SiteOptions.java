package io.tessera.stream.cli;

import io.tessera.stream.config.ConfigException;
import io.tessera.stream.config.ConfigLoader;
import io.tessera.stream.config.StreamAppConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * Which site and application a model command acts on: the inspect app's own settings, by the same keys.
 * A picocli mixin; public for the model commands the launcher adds ({@code model teach-in}).
 */
public final class SiteOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "Properties file overriding the defaults (as for inspect).")
    Path configFile;

    @Option(names = {"-b", "--bootstrap"}, paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (kafka.bootstrap.servers; default localhost:9092).")
    String bootstrap;

    @Option(names = "--application-id", paramLabel = "ID",
            description = "The inspect application to act on (kafka.application.id; default tessera-inspect).")
    String applicationId;

    @Option(names = "--topic-prefix", paramLabel = "PREFIX",
            description = "Prefix of the topic names, e.g. 'plant1.' (topics.prefix; default none).")
    String topicPrefix;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
            description = "Any inspect setting, e.g. kafka.security.protocol=SSL or model.precision=fp32. Repeatable.")
    Map<String, String> settings = new LinkedHashMap<>();

    /**
     * Runs {@code action} on the site's settings; the exit status: 2 for bad settings or a refused
     * request (IllegalArgumentException), 1 when Kafka cannot be reached (IllegalStateException).
     */
    public int run(String command, PrintWriter err, Function<StreamAppConfig, Integer> action) {
        try {
            return action.apply(config());
        } catch (ConfigException | IllegalArgumentException e) {
            err.println("tessera " + command + ": " + e.getMessage());
            return 2;
        } catch (IllegalStateException e) {
            err.println("tessera " + command + ": " + e.getMessage());
            return 1;
        }
    }

    /** @throws ConfigException naming the key at fault */
    public StreamAppConfig config() {
        Map<String, String> flags = new LinkedHashMap<>();
        if (bootstrap != null) {
            flags.put("kafka.bootstrap.servers", bootstrap);
        }
        if (applicationId != null) {
            flags.put("kafka.application.id", applicationId);
        }
        if (topicPrefix != null) {
            flags.put("topics.prefix", topicPrefix);
        }
        flags.putAll(settings);
        return ConfigLoader.parse(ConfigLoader.merge(configFile, System.getenv(), flags));
    }
}

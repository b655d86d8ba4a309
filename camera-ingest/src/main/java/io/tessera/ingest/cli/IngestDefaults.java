package io.tessera.ingest.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Option defaults from {@code config/camera-ingest.properties}: a key is an option's long name
 * without dashes ({@code fps=30}), or {@code <command>.<name>} for one command only
 * ({@code record.topic=frames}). The file is found through {@code -Dtessera.ingest.config=<file>},
 * else under {@code -Dtessera.root}, else in the nearest folder above the working directory
 * that has {@code config/camera-ingest.properties}. Without the file, the built-in defaults
 * (the same values) apply.
 */
public final class IngestDefaults implements IDefaultValueProvider {
    public static final String CONFIG_PROPERTY = "tessera.ingest.config";
    static final Path RELATIVE = Path.of("config", "camera-ingest.properties");

    private Properties properties;

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option)) {
            return null;
        }
        Properties p = properties();
        String name = option.longestName().replaceFirst("^-+", "");
        String command = option.command() == null ? null : option.command().name();
        if (command != null && p.containsKey(command + "." + name)) {
            return p.getProperty(command + "." + name).trim();
        }
        String value = p.getProperty(name);
        return value == null ? null : value.trim();
    }

    private synchronized Properties properties() {
        if (properties == null) {
            properties = locate().map(IngestDefaults::load).orElseGet(Properties::new);
        }
        return properties;
    }

    /** The defaults file in use, if any. */
    public static Optional<Path> locate() {
        String explicit = System.getProperty(CONFIG_PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            Path file = Path.of(explicit);
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException("-D" + CONFIG_PROPERTY + "=" + explicit + ": no such file");
            }
            return Optional.of(file);
        }
        String root = System.getProperty("tessera.root");
        if (root != null && Files.isRegularFile(Path.of(root).resolve(RELATIVE))) {
            return Optional.of(Path.of(root).resolve(RELATIVE));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(RELATIVE))) {
                return Optional.of(dir.resolve(RELATIVE));
            }
        }
        return Optional.empty();
    }

    static Properties load(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return p;
    }
}

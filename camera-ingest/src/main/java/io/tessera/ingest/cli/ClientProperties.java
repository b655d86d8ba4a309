package io.tessera.ingest.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Kafka client settings that must not be typed on the command line, where every user of the
 * machine reads them in {@code ps}: security settings and secrets (SASL JAAS lines, key store
 * passwords) come from a properties file ({@code --client-config}) or from environment
 * variables {@code TESSERA_KAFKA_<KEY>} (the key in upper case, '.' as '_', e.g.
 * {@code TESSERA_KAFKA_SASL_JAAS_CONFIG}). The environment wins over the file.
 */
final class ClientProperties {
    static final String ENV_PREFIX = "TESSERA_KAFKA_";

    private ClientProperties() {
    }

    static Map<String, String> read(Path file, Map<String, String> env) {
        Map<String, String> out = new LinkedHashMap<>();
        if (file != null) {
            Properties p = new Properties();
            try (Reader reader = Files.newBufferedReader(file)) {
                p.load(reader);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read --client-config " + file + ": " + e.getMessage(), e);
            }
            p.stringPropertyNames().stream().sorted().forEach(k -> out.put(k, p.getProperty(k).trim()));
        }
        env.entrySet().stream().filter(e -> e.getKey().startsWith(ENV_PREFIX) && e.getKey().length() > ENV_PREFIX.length())
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.put(e.getKey().substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'),
                        e.getValue()));
        return out;
    }
}

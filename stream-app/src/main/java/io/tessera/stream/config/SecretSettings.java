package io.tessera.stream.config;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Which settings must never be printed. Kafka knows its own secrets (every setting of type
 * PASSWORD: SSL key and store passwords, key material, the SASL JAAS line, OAuth client
 * secrets); anything else whose name says password, secret, credential or token is treated the
 * same, so a new client plugin's secret is masked too.
 */
public final class SecretSettings {
    public static final String MASK = "****";
    private static final List<ConfigDef> KAFKA = List.of(StreamsConfig.configDef(), ProducerConfig.configDef(),
            ConsumerConfig.configDef(), AdminClientConfig.configDef());
    /** Streams passes settings to its clients under these prefixes. */
    private static final List<String> CLIENT_PREFIXES = List.of("main.consumer.", "restore.consumer.", "global.consumer.",
            "producer.", "consumer.", "admin.");
    private static final Pattern BY_NAME = Pattern.compile(".*(password|secret|jaas|credential|token|keystore\\.key|private).*");

    private SecretSettings() {
    }

    /** True for a setting of this app ({@code kafka.ssl.key.password}, ...) whose value is a secret. */
    public static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        if (BY_NAME.matcher(k).matches()) {
            return true;
        }
        String kafkaKey = k.startsWith("kafka.") ? k.substring("kafka.".length()) : k;
        for (String prefix : CLIENT_PREFIXES) {
            if (kafkaKey.startsWith(prefix)) {
                kafkaKey = kafkaKey.substring(prefix.length());
                break;
            }
        }
        for (ConfigDef def : KAFKA) {
            ConfigDef.ConfigKey known = def.configKeys().get(kafkaKey);
            if (known != null && known.type == ConfigDef.Type.PASSWORD) {
                return true;
            }
        }
        return false;
    }

    /** The value as it may be shown. */
    public static String shown(String key, String value) {
        return isSecret(key) ? MASK : value;
    }
}

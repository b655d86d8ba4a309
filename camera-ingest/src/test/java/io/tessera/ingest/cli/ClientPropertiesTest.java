package io.tessera.ingest.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.ingest.publish.ProducerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets reach the Kafka clients without appearing on the command line. */
class ClientPropertiesTest {

    @Test
    void secretsComeFromAFileAndTheEnvironmentWhichWinsOverTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "security.protocol=SASL_SSL\nsasl.mechanism=PLAIN\nsasl.jaas.config=from-file\n");
        Map<String, String> env = Map.of("TESSERA_KAFKA_SASL_JAAS_CONFIG", "from-env", "PATH", "/usr/bin");

        Map<String, String> props = ClientProperties.read(file, env);

        assertThat(props).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "PLAIN")
                .containsEntry("sasl.jaas.config", "from-env").doesNotContainKey("path");
    }

    @Test
    void theProducerGetsThemAndAnExplicitProducerPropStillWins() {
        ProducerSettings settings = ProducerSettings.defaults("b:9092")
                .withClientProperties(Map.of("security.protocol", "SSL", "acks", "1"));
        ProducerSettings explicit = new ProducerSettings("b:9092", "all", 5, 1 << 20, "none", 10 << 20, 256L << 20, 30_000,
                60_000, Map.of("security.protocol", "SASL_SSL")).withClientProperties(Map.of("security.protocol", "SSL"));

        assertThat(settings.toProperties("t")).containsEntry("security.protocol", "SSL");
        assertThat(explicit.toProperties("t")).containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void anUnreadableFileNamesTheOption(@TempDir Path dir) {
        assertThatThrownBy(() -> ClientProperties.read(dir.resolve("missing.properties"), Map.of()))
                .hasMessageContaining("--client-config");
    }
}

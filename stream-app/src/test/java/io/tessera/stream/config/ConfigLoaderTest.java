package io.tessera.stream.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @Test
    void theDocumentedDefaultsAreTheDefaults() throws Exception {
        Path documented = Path.of(System.getProperty("tessera.root", "..")).resolve("config/stream-app.properties");
        Properties file = new Properties();
        try (var reader = Files.newBufferedReader(documented)) {
            file.load(reader);
        }
        assertThat(ConfigLoader.defaults()).containsAllEntriesOf(
                file.stringPropertyNames().stream().collect(Collectors.toMap(k -> k, k -> file.getProperty(k).trim())));

        StreamAppConfig config = ConfigLoader.load(null, Map.of(), Map.of());
        assertThat(config.kafka()).containsEntry("processing.guarantee", "exactly_once_v2")
                .containsEntry("bootstrap.servers", "localhost:9092")
                .containsEntry("producer.max.request.size", "16908288")
                .containsEntry("producer.buffer.memory", "67108864")
                .containsEntry("consumer.max.partition.fetch.bytes", "16908288")
                .containsEntry("consumer.fetch.max.bytes", "67108864");
        assertThat(config.batch().maxSize()).isEqualTo(64);
        assertThat(config.budget()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.thresholdOverride()).isNull();
        assertThat(config.reducedDecode()).isFalse();
        assertThat(config.admission()).isEqualTo(new AdmissionSettings(true, 0.2, 1.2));
        assertThat(config.topics().frames().name()).isEqualTo("frames");
        assertThat(config.topics().deadLetters().name()).isEqualTo("frames.dlq");
    }

    @Test
    void framesWaitingInStreamsBuffersAreBoundedNotStreamsDefaultOfAThousandPerPartition() {
        // Regression: with Streams' default a 2K camera stream could hold about 500 MB per partition.
        StreamAppConfig config = ConfigLoader.load(null, Map.of(), Map.of());
        int buffered = Integer.parseInt(config.streamsProperties().getProperty("buffered.records.per.partition"));
        int perPoll = Integer.parseInt(config.streamsProperties().getProperty("consumer.max.poll.records"));
        long worstPerPartition = (long) (buffered + perPoll) * config.maxFrameBytes();
        assertThat(buffered).isBetween(1, 16);
        assertThat(worstPerPartition).as("bytes of frames one partition can hold").isLessThanOrEqualTo(512L << 20);
    }

    @Test
    void underExactlyOnceNothingMayHoldAFrameLongerThanTheTransactionTimeout() {
        // Regression: batch.timeout-ms was 60 s against a 30 s transaction: a stalled partition.
        assertThatThrownBy(() -> ConfigLoader.withOverrides(Map.of("batch.timeout-ms", "30000")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("batch.timeout-ms")
                .hasMessageContaining("kafka.producer.transaction.timeout.ms");
        assertThatThrownBy(() -> ConfigLoader.withOverrides(Map.of("inspection.budget-ms", "45000")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("inspection.budget-ms");
        assertThat(ConfigLoader.withOverrides(Map.of("batch.timeout-ms", "50000",
                "kafka.producer.transaction.timeout.ms", "60000")).batch().timeout()).isEqualTo(Duration.ofSeconds(50));
        assertThat(ConfigLoader.withOverrides(Map.of("batch.timeout-ms", "50000",
                "kafka.processing.guarantee", "at_least_once")).batch().timeout()).isEqualTo(Duration.ofSeconds(50));
    }

    @Test
    void fileThenEnvironmentThenFlagsEachOverrideTheLayerBelow(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("site.properties");
        Files.writeString(file, "batch.max-size=8\nbatch.max-wait-ms=3\ntopics.prefix=plant1.\n");
        Map<String, String> env = Map.of("TESSERA_INSPECT_BATCH_MAX_SIZE", "16",
                "TESSERA_INSPECT_KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "PATH", "/usr/bin", "TESSERA_OTHER_APP", "x");
        StreamAppConfig config = ConfigLoader.load(file, env, Map.of("batch.max-size", "64",
                "kafka.sasl.mechanism", "PLAIN"));
        assertThat(config.batch().maxSize()).isEqualTo(64);
        assertThat(config.batch().maxWait()).isEqualTo(Duration.ofMillis(3));
        assertThat(config.topicPrefix()).isEqualTo("plant1.");
        assertThat(config.streamsProperties()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "PLAIN");
    }

    @Test
    void errorsNameTheKey() {
        assertThatThrownBy(() -> ConfigLoader.withOverrides(Map.of("batch.max-size", "lots")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("batch.max-size").hasMessageContaining("'lots'");
        assertThatThrownBy(() -> ConfigLoader.withOverrides(Map.of("batch.max-size", "0")))
                .hasMessageContaining("batch.max-size");
        assertThatThrownBy(() -> ConfigLoader.withOverrides(Map.of("batch.max-sise", "8")))
                .hasMessageContaining("batch.max-sise").hasMessageContaining("unknown setting");
        assertThatThrownBy(() -> ConfigLoader.withOverrides(Map.of("kafka.processing.guarantee", "exactly_once")))
                .hasMessageContaining("kafka.processing.guarantee");
        assertThatThrownBy(() -> ConfigLoader.withOverrides(Map.of("kafka.bootstrap.servers", "")))
                .hasMessageContaining("kafka.bootstrap.servers");
        assertThatThrownBy(() -> ConfigLoader.withOverrides(Map.of("model.precision", "int8")))
                .hasMessageContaining("model.precision");
        assertThatThrownBy(() -> ConfigLoader.withOverrides(Map.of("model.threshold", "1.5")))
                .hasMessageContaining("model.threshold");
        assertThatThrownBy(() -> ConfigLoader.withOverrides(Map.of("tiling.edge-policy", "wrap")))
                .hasMessageContaining("tiling.edge-policy");
        assertThatThrownBy(() -> ConfigLoader.withOverrides(Map.of("kafka.producer.max.request.size", "1048576")))
                .hasMessageContaining("kafka.producer.max.request.size").hasMessageContaining("frames.max-bytes");
        assertThatThrownBy(() -> ConfigLoader.withOverrides(Map.of("inspection.decode-reduced", "yes")))
                .hasMessageContaining("inspection.decode-reduced").hasMessageContaining("true or false");
        assertThatThrownBy(() -> ConfigLoader.withOverrides(Map.of("inspection.admission-safety", "lots")))
                .hasMessageContaining("inspection.admission-safety").hasMessageContaining("'lots'");
        assertThatThrownBy(() -> ConfigLoader.withOverrides(Map.of("inspection.admission-smoothing", "1.5")))
                .hasMessageContaining("inspection.admission-smoothing");
        assertThatThrownBy(() -> ConfigLoader.withOverrides(Map.of("inspection.admission", "on")))
                .hasMessageContaining("inspection.admission");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("TESSERA_INSPECT_BACTH_MAX_SIZE", "8"), Map.of()))
                .hasMessageContaining("TESSERA_INSPECT_BACTH_MAX_SIZE");
    }

    @Test
    void environmentNamesFollowTheKeys() {
        assertThat(ConfigLoader.envName("model.path")).isEqualTo("TESSERA_INSPECT_MODEL_PATH");
        assertThat(ConfigLoader.envName("batch.max-wait-ms")).isEqualTo("TESSERA_INSPECT_BATCH_MAX_WAIT_MS");
    }
}

package io.tessera.kafka.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
class LocalKafkaIT {

    @TempDir
    Path tmp;

    @Test
    void startsServesAndStopsCleaningUp() throws Exception {
        LocalKafka kafka = LocalKafka.start();
        Path dataDir = kafka.dataDir();
        long pid = kafka.pid();
        try {
            assertThat(kafka.bootstrapServers()).startsWith("127.0.0.1:");
            assertThat(kafka.isAlive()).isTrue();
            assertThat(kafka.admin().describeCluster().nodes().get()).hasSize(1);
            kafka.createTopics(2, "lk.topic");
            assertThat(kafka.admin().listTopics().names().get()).contains("lk.topic");
        } finally {
            kafka.close();
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(dataDir).doesNotExist();
        kafka.close(); // idempotent
    }

    @Test
    void brokerThatCannotStartFailsWithItsReason() {
        LocalKafkaSettings broken = LocalKafkaSettings.defaults()
                .withOverrides(Map.of("num.network.threads", "not-a-number"));

        assertThatThrownBy(() -> LocalKafka.start(broken))
                .isInstanceOf(KafkaClusterException.class)
                .hasMessageContaining("exited with code")
                .hasMessageContaining("num.network.threads");
    }

    @Test
    void keptDataDirSurvivesARestart() throws Exception {
        Path data = tmp.resolve("broker-data");
        LocalKafkaSettings settings = LocalKafkaSettings.defaults().withDataDir(data);
        String firstBootstrap;
        try (LocalKafka kafka = LocalKafka.start(settings)) {
            firstBootstrap = kafka.bootstrapServers();
            kafka.createTopics(1, "kept");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                    new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("kept", "k", "survives")).get();
            }
            // A second broker on the same data dir is refused while the first runs.
            assertThatThrownBy(() -> LocalKafka.start(settings))
                    .isInstanceOf(KafkaClusterException.class).hasMessageContaining("in use");
        }
        assertThat(data.resolve("kafka-logs")).isDirectory();

        try (LocalKafka again = LocalKafka.start(settings)) {
            assertThat(again.bootstrapServers()).isEqualTo(firstBootstrap);
            assertThat(consume(again, "kept", 1, new StringDeserializer(), new StringDeserializer()))
                    .extracting(r -> r.value()).containsExactly("survives");
        }
    }

    @Test
    void brokerDiesWithItsKilledParent() throws Exception {
        Process parent = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                BrokerParentMain.class.getName())
                .redirectErrorStream(true)
                .start();
        long brokerPid = -1;
        Path dataDir = null;
        List<String> output = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                output.add(line);
                if (line.startsWith(BrokerParentMain.DATA_DIR)) {
                    dataDir = Path.of(line.substring(BrokerParentMain.DATA_DIR.length()));
                }
                if (line.startsWith(BrokerParentMain.BROKER_PID)) {
                    brokerPid = Long.parseLong(line.substring(BrokerParentMain.BROKER_PID.length()));
                    break;
                }
            }
            assertThat(brokerPid).as("broker pid printed by the parent; its output: %s", output).isPositive();
            Optional<ProcessHandle> broker = ProcessHandle.of(brokerPid);
            assertThat(broker).isPresent();
            assertThat(broker.get().isAlive()).isTrue();

            parent.destroyForcibly(); // SIGKILL: no shutdown hook, no close()
            parent.waitFor();

            // The child sees EOF on stdin and stops; this waits for that event, bounded generously.
            broker.get().onExit().get(120, TimeUnit.SECONDS);
            assertThat(broker.get().isAlive()).isFalse();
        } finally {
            parent.destroyForcibly();
        }
        // The killed parent could not remove its temporary folder; the next start sweeps it.
        assertThat(dataDir).isNotNull();
        assertThat(Files.exists(dataDir)).isTrue();
        BrokerDir.sweepStaleTemporaryDirs(dataDir.getParent());
        assertThat(dataDir).doesNotExist();
    }

    private static <K, V> List<ConsumerRecord<K, V>> consume(KafkaCluster kafka, String topic, int count,
                                                             Deserializer<K> keys, Deserializer<V> values) {
        List<ConsumerRecord<K, V>> out = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + topic,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), keys, values)) {
            consumer.subscribe(List.of(topic));
            Instant giveUp = Instant.now().plus(Duration.ofSeconds(60));
            while (out.size() < count && Instant.now().isBefore(giveUp)) {
                consumer.poll(Duration.ofMillis(500)).forEach(out::add);
            }
        }
        return out;
    }
}

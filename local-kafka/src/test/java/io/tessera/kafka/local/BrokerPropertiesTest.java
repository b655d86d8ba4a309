package io.tessera.kafka.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class BrokerPropertiesTest {

    private final Path logDir = Path.of("/tmp/x/kafka-logs");

    @Test
    void singleNodeKraftOnLoopback() {
        Map<String, String> p = BrokerProperties.render(LocalKafkaSettings.defaults(), 39092, 39093, logDir);

        assertThat(p).containsEntry("process.roles", "broker,controller")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:39092,CONTROLLER://127.0.0.1:39093")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:39092")
                .containsEntry("controller.quorum.bootstrap.servers", "127.0.0.1:39093")
                .containsEntry("controller.listener.names", "CONTROLLER")
                .containsEntry("log.dirs", "/tmp/x/kafka-logs");
    }

    @Test
    void internalTopicsFitOneNode() {
        Map<String, String> p = BrokerProperties.render(LocalKafkaSettings.defaults(), 1, 2, logDir);

        assertThat(p).containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("share.coordinator.state.topic.replication.factor", "1")
                .containsEntry("share.coordinator.state.topic.min.isr", "1")
                .containsEntry("group.initial.rebalance.delay.ms", "0");
    }

    @Test
    void coordinatorTopicsHaveOnePartitionSoARestartReloadsLittle() {
        Map<String, String> p = BrokerProperties.render(LocalKafkaSettings.defaults(), 1, 2, logDir);

        assertThat(p).containsEntry("offsets.topic.num.partitions", "1")
                .containsEntry("transaction.state.log.num.partitions", "1");
    }

    @Test
    void messageLimitsHoldA10MibFrame() {
        Map<String, String> p = BrokerProperties.render(LocalKafkaSettings.defaults(), 1, 2, logDir);

        assertThat(Integer.parseInt(p.get("message.max.bytes"))).isGreaterThan(10 * 1024 * 1024);
        assertThat(p.get("replica.fetch.max.bytes")).isEqualTo(p.get("message.max.bytes"));
    }

    @Test
    void overridesWin() {
        LocalKafkaSettings settings = LocalKafkaSettings.defaults()
                .withOverrides(Map.of("num.partitions", "6", "log.retention.ms", "60000"));

        Map<String, String> p = BrokerProperties.render(settings, 1, 2, logDir);

        assertThat(p).containsEntry("num.partitions", "6").containsEntry("log.retention.ms", "60000");
    }

    @Test
    void textIsReadableByJavaProperties() throws Exception {
        String text = BrokerProperties.toText(Map.of("log.dirs", "C:\\data", "a", "b"));
        Properties read = new Properties();
        read.load(new StringReader(text));

        assertThat(read).containsEntry("log.dirs", "C:\\data").containsEntry("a", "b");
    }

    @Test
    void listenerPortsAreParsedBack() {
        String listeners = "PLAINTEXT://127.0.0.1:39092,CONTROLLER://127.0.0.1:39093";

        assertThat(LocalKafka.listenerPort(listeners, "PLAINTEXT")).hasValue(39092);
        assertThat(LocalKafka.listenerPort(listeners, "CONTROLLER")).hasValue(39093);
        assertThat(LocalKafka.listenerPort(listeners, "SSL")).isEmpty();
    }
}

package io.tessera.kafka.local;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A wrong KAFKA_BOOTSTRAP fails with a message that names it, never with a silent skip. */
class ExternalKafkaClusterTest {

    @Test
    void blankAddressNamesTheSetting() {
        assertThatThrownBy(() -> ExternalKafkaCluster.connect(" ", "KAFKA_BOOTSTRAP", Duration.ofSeconds(1), Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("KAFKA_BOOTSTRAP must be host:port");
    }

    @Test
    void unparsableAddressNamesTheSetting() {
        assertThatThrownBy(() -> ExternalKafkaCluster.connect("no-port-here", "KAFKA_BOOTSTRAP", Duration.ofSeconds(1), Clock.systemUTC()))
                .isInstanceOf(KafkaClusterException.class).hasMessageContaining("KAFKA_BOOTSTRAP=no-port-here");
    }

    @Test
    void silentAddressNamesTheSetting() throws Exception {
        // A port that accepts connections but never speaks Kafka.
        try (ServerSocket mute = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String address = "127.0.0.1:" + mute.getLocalPort();

            assertThatThrownBy(() -> ExternalKafkaCluster.connect(address, "KAFKA_BOOTSTRAP", Duration.ofSeconds(1), Clock.systemUTC()))
                    .isInstanceOf(KafkaClusterException.class)
                    .hasMessageContaining("no Kafka cluster answers at KAFKA_BOOTSTRAP=" + address);
        }
    }
}

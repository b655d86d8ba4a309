package io.tessera.kafka.local;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class LocalKafkaPortTest {

    @Test
    void aTakenPortIsRefusedBeforeStartingAnything() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> LocalKafka.start(LocalKafkaSettings.defaults().withPort(port)))
                    .isInstanceOf(KafkaClusterException.class)
                    .hasMessageContaining("port " + port + " on 127.0.0.1 is already in use");
        }
    }
}

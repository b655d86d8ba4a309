package io.tessera.kafka.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LocalKafkaJvmArgsTest {

    @Test
    void brokerJvmStartsOnLittleCpuSoARestartedBrokerIsBackSooner() {
        String args = LocalKafka.jvmArgs(LocalKafkaSettings.defaults(), "/x.jar", java.util.List.of());

        assertThat(args).contains("\"-XX:TieredStopAtLevel=1\"\n").contains("\"-XX:+UseSerialGC\"\n")
                .contains("\"-Xmx512m\"\n").contains("\"/x.jar\"\n");
    }
}

package io.tessera.testing.kafka;

import io.tessera.kafka.local.KafkaCluster;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.testcontainers.DockerClientFactory;

/**
 * Asking for a Kafka container: where Docker runs, a real container broker answers; where it
 * does not, every test that needs the broker fails with the reason. Neither case skips.
 */
@Tag("integration")
class ContainerKafkaIT {

    @Test
    void aContainerIsUsedWhereDockerRunsAndRefusedWithTheReasonWhereItDoesNot() throws Exception {
        KafkaBrokerExtension.SharedBroker broker = KafkaBrokerExtension.SharedBroker.start(null, null, true);
        try {
            if (DockerClientFactory.instance().isDockerAvailable()) {
                KafkaCluster cluster = broker.cluster();
                cluster.createTopics(1, "container-check");
                assertThat(cluster.admin().listTopics().names().get()).contains("container-check");
            } else {
                assertThatThrownBy(broker::cluster)
                        .isInstanceOf(ParameterResolutionException.class)
                        .hasMessageContaining("no Docker engine is available")
                        .hasMessageContaining("-Dkafka.testcontainers=true");
            }
        } finally {
            broker.close();
        }
    }

    @Test
    void theImageFollowsTheKafkaVersionOfTheBuild() {
        // the parent pom's kafka.version, which compose and the local broker use too
        assertThat(ContainerKafka.IMAGE).isEqualTo("apache/kafka:4.4.0");
    }
}

package io.tessera.stream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.testing.kafka.KafkaBrokerExtension;
import io.tessera.kafka.local.KafkaCluster;
import io.tessera.stream.app.TopicProvisioner;
import io.tessera.stream.config.ConfigLoader;
import io.tessera.stream.config.StreamAppConfig;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class TopicProvisionerIT {

    @Test
    void missingTopicsAreCreatedAndExistingOnesLeftAlone(KafkaCluster kafka) throws Exception {
        StreamAppConfig config = ConfigLoader.withOverrides(Map.of("kafka.bootstrap.servers", kafka.bootstrapServers(),
                "topics.prefix", "provision."));
        kafka.createTopics(1, "provision.frames");

        assertThat(TopicProvisioner.ensureTopics(config, 3))
                .containsExactlyInAnyOrder("provision.verdicts", "provision.alerts", "provision.frames.dlq");
        Map<String, TopicDescription> topics = kafka.admin().describeTopics(config.topics().names()).allTopicNames().get();
        assertThat(topics.get("provision.frames").partitions()).hasSize(1);
        assertThat(topics.get("provision.verdicts").partitions()).hasSize(3);
        assertThat(TopicProvisioner.ensureTopics(config, 3)).isEmpty();
    }

    @Test
    void topicsCarryingFramesTakeTheLargestFrameWhateverTheBrokerDefault(KafkaCluster kafka) throws Exception {
        StreamAppConfig config = ConfigLoader.withOverrides(Map.of("kafka.bootstrap.servers", kafka.bootstrapServers(),
                "topics.prefix", "sized."));
        TopicProvisioner.ensureTopics(config, 1);
        for (String topic : new String[] {"sized.frames", "sized.frames.dlq"}) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config described = kafka.admin().describeConfigs(List.of(resource)).all().get().get(resource);
            assertThat(Integer.parseInt(described.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value())).as(topic)
                    .isGreaterThan(config.maxFrameBytes());
        }
    }
}

package io.tessera.stream.web;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Settings every dashboard consumer shares. The dashboard only watches: it reads committed
 * records, assigns partitions itself (no group, so it never joins or disturbs the inspect app's
 * group), commits nothing and never creates topics.
 */
final class DashboardConsumers {
    private DashboardConsumers() {
    }

    static Map<String, Object> properties(Map<String, String> kafka, String clientId) {
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return props;
    }
}

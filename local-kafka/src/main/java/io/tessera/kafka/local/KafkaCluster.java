package io.tessera.kafka.local;

import org.apache.kafka.clients.admin.Admin;

/**
 * A Kafka cluster that tests and tools can talk to: a {@link LocalKafka} child broker or an
 * external cluster named by {@code KAFKA_BOOTSTRAP}.
 */
public interface KafkaCluster {

    /** The {@code bootstrap.servers} value for clients, e.g. {@code 127.0.0.1:39092}. */
    String bootstrapServers();

    /**
     * Creates the topics with the given partition count and the cluster's default replication
     * factor. Topics that already exist are left as they are. Returns once every partition of every
     * named topic has a leader, so clients can use them straight away.
     *
     * @throws IllegalArgumentException when {@code partitions < 1} or a name is blank
     * @throws KafkaClusterException    when the cluster refuses or does not answer in time
     */
    void createTopics(int partitions, String... names);

    /** A shared admin client; owned by the cluster object, do not close it. */
    Admin admin();
}

package io.tessera.testing.kafka;

import io.tessera.kafka.local.ExternalKafkaCluster;
import io.tessera.kafka.local.KafkaCluster;
import io.tessera.kafka.local.KafkaClusterException;
import io.tessera.kafka.local.LocalKafka;
import io.tessera.kafka.local.LocalKafkaSettings;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * A Kafka broker in a container (the {@code apache/kafka} image, KRaft), for test runs that ask
 * for one with {@code -Dkafka.testcontainers=true} on a machine with a Docker engine. Never the
 * default: {@link LocalKafka} needs no Docker. Asked for without Docker, it fails with the reason
 * instead of skipping anything.
 */
final class ContainerKafka implements AutoCloseable {
    /** The image tag follows the Kafka version the project builds against. */
    static final String IMAGE = "apache/kafka:" + kafkaClientsVersion();

    private final KafkaContainer container;
    private final ExternalKafkaCluster cluster;

    private ContainerKafka(KafkaContainer container, ExternalKafkaCluster cluster) {
        this.container = container;
        this.cluster = cluster;
    }

    static ContainerKafka start() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new KafkaClusterException("-D" + KafkaBrokerExtension.TESTCONTAINERS_PROPERTY
                    + "=true asks for a Kafka container, but no Docker engine is available here; "
                    + "leave the setting out to use the local child-JVM broker, or set KAFKA_BOOTSTRAP");
        }
        KafkaContainer container = new KafkaContainer(IMAGE)
                // frames of several megabytes, as the local broker accepts
                .withEnv("KAFKA_MESSAGE_MAX_BYTES", Integer.toString(LocalKafkaSettings.DEFAULT_MAX_MESSAGE_BYTES))
                .withEnv("KAFKA_REPLICA_FETCH_MAX_BYTES", Integer.toString(LocalKafkaSettings.DEFAULT_MAX_MESSAGE_BYTES));
        container.start();
        try {
            ExternalKafkaCluster cluster = ExternalKafkaCluster.connect(container.getBootstrapServers(),
                    "Kafka container " + IMAGE, Duration.ofSeconds(60), Clock.systemUTC());
            return new ContainerKafka(container, cluster);
        } catch (RuntimeException e) {
            container.stop();
            throw e;
        }
    }

    /** The version kafka-clients was built as, from the properties file inside its jar. */
    static String kafkaClientsVersion() {
        try (InputStream in = Admin.class.getResourceAsStream("/kafka/kafka-version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            String version = properties.getProperty("version");
            if (version == null || version.isBlank()) {
                throw new KafkaClusterException("kafka-clients has no kafka/kafka-version.properties: cannot choose the Kafka image");
            }
            return version.trim();
        } catch (IOException e) {
            throw new KafkaClusterException("cannot read kafka-clients' version: " + e.getMessage(), e);
        }
    }

    KafkaCluster cluster() {
        return cluster;
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } finally {
            container.stop();
        }
    }
}

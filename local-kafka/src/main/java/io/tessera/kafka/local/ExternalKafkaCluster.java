package io.tessera.kafka.local;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** A cluster someone else runs, reached through its bootstrap servers (e.g. {@code KAFKA_BOOTSTRAP}). */
public final class ExternalKafkaCluster implements KafkaCluster, AutoCloseable {

    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(60);

    private final String bootstrapServers;
    private final Admin admin;
    private final Clock clock;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ExternalKafkaCluster(String bootstrapServers, Admin admin, Clock clock) {
        this.bootstrapServers = bootstrapServers;
        this.admin = admin;
        this.clock = clock;
    }

    /**
     * Connects and checks that the cluster answers.
     *
     * @param source names where the address came from, for error messages (e.g. {@code KAFKA_BOOTSTRAP})
     */
    public static ExternalKafkaCluster connect(String bootstrapServers, String source, Duration timeout, Clock clock) {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException(source + " must be host:port[,host:port...], got an empty value");
        }
        Admin admin;
        try {
            admin = Admin.create(LocalKafka.adminConfig(bootstrapServers.trim()));
        } catch (RuntimeException e) {
            throw new KafkaClusterException(source + "=" + bootstrapServers + " is not a usable bootstrap address: " + e.getMessage(), e);
        }
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .nodes().get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            admin.close(Duration.ofSeconds(1));
            throw new KafkaClusterException("no Kafka cluster answers at " + source + "=" + bootstrapServers
                    + " within " + timeout + ": " + (e.getCause() != null ? e.getCause() : e), e);
        } catch (InterruptedException e) {
            admin.close(Duration.ofSeconds(1));
            Thread.currentThread().interrupt();
            throw new KafkaClusterException("interrupted while connecting to " + bootstrapServers, e);
        }
        return new ExternalKafkaCluster(bootstrapServers.trim(), admin, clock);
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void createTopics(int partitions, String... names) {
        new TopicCreator(admin, clock, TOPIC_TIMEOUT).createTopics(partitions, names);
    }

    @Override
    public Admin admin() {
        return admin;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            admin.close(Duration.ofSeconds(5));
        }
    }
}

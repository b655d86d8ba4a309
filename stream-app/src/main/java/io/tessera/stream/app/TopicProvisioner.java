package io.tessera.stream.app;

import io.tessera.protocol.ModelTopics;
import io.tessera.protocol.Topics;
import io.tessera.stream.config.StreamAppConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the app's four topics exist before Kafka Streams starts: Streams does not create
 * its source topic, and starting without it only produces a loop of failed rebalances. The
 * compacted thresholds topic is made sure of at every start ({@link #ensureThresholdsTopic}).
 */
public final class TopicProvisioner {
    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

    private TopicProvisioner() {
    }

    /** Room for a frame's headers (dead letters add their reason) and the record batch overhead. */
    static final int RECORD_HEADROOM_BYTES = 64 * 1024;

    /**
     * Topic settings the app needs: topics that carry frames (frames and the dead letters, which
     * keep the frame's bytes) take records up to frames.max-bytes plus headers, whatever the
     * broker's default (1 MB unless its message.max.bytes says otherwise).
     */
    static Map<String, String> topicConfigs(StreamAppConfig config, String topic) {
        Topics topics = config.topics();
        if (topic.equals(topics.frames().name()) || topic.equals(topics.deadLetters().name())) {
            return Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(config.maxFrameBytes() + RECORD_HEADROOM_BYTES));
        }
        return Map.of();
    }

    /**
     * Creates the missing topics with {@code partitions} partitions and the broker's default
     * replication factor.
     *
     * @return the topics created
     */
    public static List<String> ensureTopics(StreamAppConfig config, int partitions) throws InterruptedException {
        List<String> wanted = config.topics().names();
        try (Admin admin = Admin.create(adminProperties(config.kafka()))) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String name : wanted) {
                if (!existing.contains(name)) {
                    missing.add(new NewTopic(name, Optional.of(partitions), Optional.empty())
                            .configs(topicConfigs(config, name)));
                }
            }
            List<String> created = new ArrayList<>();
            for (var entry : admin.createTopics(missing).values().entrySet()) {
                try {
                    entry.getValue().get(60, TimeUnit.SECONDS);
                    created.add(entry.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) { // created by someone else meanwhile: fine
                        throw new IllegalStateException("cannot create topic " + entry.getKey() + ": " + e.getCause(), e);
                    }
                }
            }
            if (!created.isEmpty()) {
                awaitUsable(admin, created);
                LOG.info("created topics {} with {} partitions", created, partitions);
            }
            return created;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list the topics at " + config.bootstrapServers() + " (setting "
                    + "kafka.bootstrap.servers): " + (e.getCause() != null ? e.getCause() : e), e);
        }
    }

    /**
     * Creates the compacted {@code <prefix>thresholds} topic (one partition) when it is missing: the
     * inspection topology reads it into a global store, which Kafka Streams cannot start without.
     *
     * @return true when it was created here
     * @throws IllegalStateException naming the topic and the setting when the broker cannot be asked or refuses
     */
    public static boolean ensureThresholdsTopic(StreamAppConfig config) throws InterruptedException {
        String name = ModelTopics.withPrefix(config.topicPrefix()).thresholds().name();
        try (Admin admin = Admin.create(adminProperties(config.kafka()))) {
            if (admin.listTopics().names().get(60, TimeUnit.SECONDS).contains(name)) {
                return false;
            }
            try {
                admin.createTopics(List.of(new NewTopic(name, Optional.of(1), Optional.empty())
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                        .all().get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TopicExistsException) {
                    return false;
                }
                throw e;
            }
            awaitUsable(admin, List.of(name));
            LOG.info("created topic {} (compacted) for the cameras' taught thresholds", name);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create topic " + name + " at " + config.bootstrapServers()
                    + " (kafka.bootstrap.servers); create it with cleanup.policy=compact: "
                    + (e.getCause() != null ? e.getCause() : e), e);
        }
    }

    /**
     * Until the broker answers for every created topic with a leader for each partition: the
     * controller has them before the broker's metadata does, and a client asking in between is
     * told the topic does not exist.
     */
    private static void awaitUsable(Admin admin, List<String> created) throws InterruptedException, ExecutionException,
            TimeoutException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                boolean led = admin.describeTopics(created).allTopicNames().get(30, TimeUnit.SECONDS).values().stream()
                        .allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null));
                if (led) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > giveUp) {
                    throw e;
                }
            }
            if (System.nanoTime() > giveUp) {
                throw new TimeoutException("topics " + created + " have no leader yet");
            }
            Thread.sleep(100);
        }
    }

    /** The admin client's share of the kafka.* settings (security included), and admin.* ones. */
    static Properties adminProperties(Map<String, String> kafka) {
        Set<String> known = AdminClientConfig.configNames();
        Properties props = new Properties();
        kafka.forEach((k, v) -> {
            if (known.contains(k)) {
                props.put(k, v);
            }
        });
        kafka.forEach((k, v) -> {
            if (k.startsWith("admin.")) {
                props.put(k.substring("admin.".length()), v);
            }
        });
        return props;
    }
}

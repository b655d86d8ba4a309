package io.tessera.kafka.local;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Idempotent topic creation that waits until every partition has a leader. */
final class TopicCreator {

    private static final Duration POLL = Duration.ofMillis(100);

    private final Admin admin;
    private final Clock clock;
    private final Duration timeout;

    TopicCreator(Admin admin, Clock clock, Duration timeout) {
        this.admin = admin;
        this.clock = clock;
        this.timeout = timeout;
    }

    void createTopics(int partitions, String... names) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        if (names == null || names.length == 0) {
            return;
        }
        List<String> topics = Arrays.asList(names);
        for (String name : topics) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("topic names must not be blank: " + topics);
            }
        }
        Deadline deadline = Deadline.after(clock, timeout);
        List<NewTopic> requests = new ArrayList<>();
        for (String name : topics) {
            // Optional.empty(): the cluster's default replication factor (1 on a local broker).
            requests.add(new NewTopic(name, Optional.of(partitions), Optional.empty()));
        }
        CreateTopicsResult result = admin.createTopics(requests);
        for (Map.Entry<String, KafkaFuture<Void>> entry : result.values().entrySet()) {
            try {
                entry.getValue().get(deadline.remaining().toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new KafkaClusterException("cannot create topic " + entry.getKey() + ": " + e.getCause(), e.getCause());
                }
            } catch (TimeoutException e) {
                throw new KafkaClusterException("topic " + entry.getKey() + " was not created within " + timeout, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaClusterException("interrupted while creating topic " + entry.getKey(), e);
            }
        }
        awaitLeaders(topics, deadline);
    }

    // The controller acknowledges creation before the broker has loaded the new metadata; a client
    // used right away could see UNKNOWN_TOPIC_OR_PARTITION, so wait until leaders are visible.
    private void awaitLeaders(List<String> topics, Deadline deadline) {
        while (true) {
            String missing = firstWithoutLeaders(topics, deadline);
            if (missing == null) {
                return;
            }
            if (deadline.passed()) {
                throw new KafkaClusterException("topic " + missing + " has partitions without a leader after " + timeout);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaClusterException("interrupted while waiting for topic " + missing, e);
            }
        }
    }

    private String firstWithoutLeaders(List<String> topics, Deadline deadline) {
        Map<String, TopicDescription> descriptions;
        try {
            descriptions = admin.describeTopics(topics).allTopicNames()
                    .get(Math.max(1, deadline.remaining().toMillis()), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return topics.get(0);
            }
            throw new KafkaClusterException("cannot describe topics " + topics + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            return topics.get(0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaClusterException("interrupted while describing topics " + topics, e);
        }
        for (String topic : topics) {
            TopicDescription description = descriptions.get(topic);
            if (description == null) {
                return topic;
            }
            for (TopicPartitionInfo partition : description.partitions()) {
                if (partition.leader() == null || partition.leader().isEmpty()) {
                    return topic;
                }
            }
        }
        return null;
    }
}

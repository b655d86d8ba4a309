package io.tessera.stream.web;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumer lag of the inspection app: per frames partition, the log end offset minus the offset
 * the inspection group has committed, read with the Admin API. It is measured from outside the
 * app, so it is right whichever process runs the topology and also while it is down (then the
 * lag grows, which is the point). A camera's lag is that of its frames partition, found from its
 * key; a line's lag counts each of its cameras' partitions once.
 */
final class LagMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LagMonitor.class);

    private final Admin admin;
    private final String topic;
    private final String groupId;
    private volatile Map<Integer, Long> lagByPartition = Map.of();
    private volatile int partitions;

    LagMonitor(Admin admin, String topic, String groupId) {
        this.admin = admin;
        this.topic = topic;
        this.groupId = groupId;
    }

    /** Reads the lag once; called on a schedule. Failures leave the last reading in place. */
    void refresh() {
        try {
            TopicDescription description = admin.describeTopics(Set.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (TopicPartitionInfo p : description.partitions()) {
                latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
            }
            // Committed offsets first: read the other way round, a frame and its commit falling
            // between the two reads would show a lag too small.
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                    admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
            Map<Integer, Long> lag = new HashMap<>();
            for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e : ends.entrySet()) {
                OffsetAndMetadata c = committed.get(e.getKey());
                if (c != null) {
                    lag.put(e.getKey().partition(), Math.max(0, e.getValue().offset() - c.offset()));
                }
            }
            partitions = description.partitions().size();
            lagByPartition = Map.copyOf(lag);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debug("cannot read the lag of group {} on {}: {}", groupId, topic, e.toString());
        }
    }

    /** The frames waiting on the partitions that hold these cameras' frames; empty until known. */
    OptionalLong lag(Collection<String> cameraIds) {
        int n = partitions;
        Map<Integer, Long> lag = lagByPartition;
        if (n == 0 || lag.isEmpty()) {
            return OptionalLong.empty();
        }
        Set<Integer> wanted = new TreeSet<>();
        cameraIds.forEach(id -> wanted.add(KeyPartitioner.partition(id, n)));
        long sum = 0;
        for (int p : wanted) {
            Long l = lag.get(p);
            if (l == null) {
                return OptionalLong.empty();
            }
            sum += l;
        }
        return OptionalLong.of(sum);
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}

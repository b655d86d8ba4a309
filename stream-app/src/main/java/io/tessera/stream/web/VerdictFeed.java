package io.tessera.stream.web;

import io.tessera.protocol.JsonSerde;
import io.tessera.protocol.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the verdicts topic from its end, committed records only, and hands every verdict to
 * the dashboard. It assigns itself every partition instead of joining a consumer group: it
 * commits nothing and must not take partitions away from anyone else.
 */
final class VerdictFeed implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VerdictFeed.class);

    private final KafkaConsumer<String, Verdict> consumer;
    private final String topic;
    private final Consumer<Verdict> sink;
    private final Runnable onMalformed;
    private final Thread thread;
    private static final long FIRST_BACKOFF_MS = 500;
    private static final long MAX_BACKOFF_MS = 10_000;

    private volatile boolean live;
    private volatile boolean stopping;

    VerdictFeed(Map<String, String> kafka, String topic, Consumer<Verdict> sink, Runnable onMalformed) {
        Map<String, Object> props = DashboardConsumers.properties(kafka, "tessera-dashboard-verdicts");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new JsonSerde<>(Verdict.class).deserializer());
        this.topic = topic;
        this.sink = sink;
        this.onMalformed = onMalformed;
        this.thread = new Thread(this, "dashboard-verdicts");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** True once the feed sits at the end of every partition: verdicts published from now on are shown. */
    boolean live() {
        return live;
    }

    @Override
    public void run() {
        long backoffMs = FIRST_BACKOFF_MS;
        boolean assigned = false;
        try {
            while (!stopping) {
                try {
                    if (!assigned) {
                        assignAtEnd();
                        assigned = true;
                    }
                    for (ConsumerRecord<String, Verdict> record : consumer.poll(Duration.ofMillis(500))) {
                        if (record.value() != null) {
                            sink.accept(record.value());
                        }
                    }
                    backoffMs = FIRST_BACKOFF_MS;
                } catch (RecordDeserializationException e) {
                    // Someone else's bytes on the verdicts topic must not stop the dashboard.
                    LOG.warn("skipping a malformed verdict at {} offset {}: {}", e.topicPartition(), e.offset(), e.getMessage());
                    onMalformed.run();
                    consumer.seek(e.topicPartition(), e.offset() + 1);
                } catch (WakeupException e) {
                    if (!stopping) {
                        throw e;
                    }
                } catch (KafkaException e) {
                    // A broker that is away (timeouts, unknown topic while it restarts) is a
                    // passing state: the feed waits and tries again instead of ending for good.
                    LOG.warn("dashboard verdict feed: {}; retrying in {} ms", e.toString(), backoffMs);
                    Thread.sleep(backoffMs);
                    backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("the dashboard's verdict feed stopped", e);
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(2)));
        }
    }

    private void assignAtEnd() throws InterruptedException {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10));
        while (!stopping && (partitions == null || partitions.isEmpty())) {
            LOG.info("waiting for topic {} to exist", topic);
            Thread.sleep(1_000);
            partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10));
        }
        List<TopicPartition> assigned = new ArrayList<>();
        for (PartitionInfo p : partitions) {
            assigned.add(new TopicPartition(p.topic(), p.partition()));
        }
        consumer.assign(assigned);
        consumer.seekToEnd(assigned);
        // seekToEnd is lazy: asking for the positions resolves them now, so "live" is true.
        assigned.forEach(consumer::position);
        live = true;
        LOG.info("dashboard follows {} ({} partitions) from the latest offsets", topic, assigned.size());
    }

    @Override
    public void close() {
        stopping = true;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

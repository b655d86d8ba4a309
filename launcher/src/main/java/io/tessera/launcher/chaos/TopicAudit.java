package io.tessera.launcher.chaos;

import io.tessera.launcher.chaos.AuditInput.DeadLetter;
import io.tessera.launcher.chaos.AuditInput.FaultMark;
import io.tessera.launcher.chaos.AuditInput.Output;
import io.tessera.launcher.chaos.AuditInput.SentFrame;
import io.tessera.protocol.Alert;
import io.tessera.protocol.FrameHeaders;
import io.tessera.protocol.Topics;
import io.tessera.protocol.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The Kafka side of the audit: waits until the app has committed every frame and no transaction is
 * left open, then reads all four topics from the beginning with {@code read_committed} and hands
 * the {@link Auditor} what it needs.
 */
public final class TopicAudit {
    private static final Duration POLL = Duration.ofMillis(500);

    private final String bootstrap;
    private final Topics topics;
    private final Clock clock;

    public TopicAudit(String bootstrap, Topics topics, Clock clock) {
        this.bootstrap = bootstrap;
        this.topics = topics;
        this.clock = clock;
    }

    /** Where the drain stands: frames the group has not committed yet. */
    public interface DrainProgress {
        void waiting(long framesLeft);
    }

    /**
     * Waits until the group's committed offset on every frames partition is the partition's end.
     *
     * @return false when that did not happen within {@code patience}
     */
    public boolean awaitDrained(Admin admin, String group, Duration patience, DrainProgress progress) throws InterruptedException {
        long end = clock.millis() + patience.toMillis();
        long lastReport = 0;
        while (clock.millis() < end) {
            try {
                long left = framesLeft(admin, group);
                if (left == 0) {
                    return true;
                }
                if (clock.millis() - lastReport >= 10_000) {
                    progress.waiting(left);
                    lastReport = clock.millis();
                }
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                // the broker may still be settling after a restart: ask again
            }
            Thread.sleep(POLL.toMillis());
        }
        return false;
    }

    private long framesLeft(Admin admin, String group) throws ExecutionException, InterruptedException,
            java.util.concurrent.TimeoutException {
        String frames = topics.frames().name();
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        Map<TopicPartition, Long> ends = ends(admin, frames, IsolationLevel.READ_UNCOMMITTED);
        long left = 0;
        for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            left += Math.max(0, e.getValue() - (c == null ? 0 : c.offset()));
        }
        return left;
    }

    /**
     * Waits until no transaction is open on the output topics (the last stable offset is the end),
     * so that a read_committed reader sees everything: a killed instance's open transaction is
     * aborted only when the transaction timeout has passed.
     */
    public boolean awaitNoOpenTransactions(Admin admin, Duration patience) throws InterruptedException {
        long end = clock.millis() + patience.toMillis();
        while (clock.millis() < end) {
            try {
                boolean open = false;
                for (String topic : List.of(topics.verdicts().name(), topics.alerts().name(), topics.deadLetters().name())) {
                    if (!ends(admin, topic, IsolationLevel.READ_COMMITTED).equals(ends(admin, topic, IsolationLevel.READ_UNCOMMITTED))) {
                        open = true;
                    }
                }
                if (!open) {
                    return true;
                }
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                // ask again
            }
            Thread.sleep(POLL.toMillis());
        }
        return false;
    }

    private static Map<TopicPartition, Long> ends(Admin admin, String topic, IsolationLevel isolation)
            throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
        var description = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        description.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        Map<TopicPartition, Long> out = new HashMap<>();
        admin.listOffsets(latest, new ListOffsetsOptions(isolation)).all().get(30, TimeUnit.SECONDS)
                .forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }

    /** Reads the four topics to their ends and pairs them with the observer's times and the faults. */
    public AuditInput read(Map<String, Long> firstSeenMs, List<FaultMark> faults) {
        List<SentFrame> frames = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : readAll(topics.frames().name())) {
            String marker = HeaderText.of(r.headers(), BadFrameMaker.MARKER_HEADER);
            BadFrameKind kind = BadFrameMaker.kindOf(marker);
            String identity = kind != null ? marker : frameIdentity(r.key(), r.headers(), r);
            frames.add(new SentFrame(identity, kind, r.partition(), r.timestamp()));
        }
        List<Output> verdicts = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : readAll(topics.verdicts().name())) {
            Verdict v = topics.verdicts().valueSerde().deserializer().deserialize(r.topic(), r.value());
            verdicts.add(new Output(AuditInput.identity(v.cameraId(), v.sequence()), v.decision()));
        }
        List<Output> alerts = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : readAll(topics.alerts().name())) {
            Alert a = topics.alerts().valueSerde().deserializer().deserialize(r.topic(), r.value());
            alerts.add(new Output(AuditInput.identity(a.cameraId(), a.sequence()), a.decision()));
        }
        List<DeadLetter> letters = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : readAll(topics.deadLetters().name())) {
            letters.add(new DeadLetter(deadLetterIdentity(r.key(), r.headers()),
                    HeaderText.of(r.headers(), FrameHeaders.DLQ_REASON)));
        }
        return new AuditInput(frames, verdicts, alerts, letters, firstSeenMs, faults);
    }

    /** A dead letter's frame: the injected marker when it has one, else camera and sequence. */
    static String deadLetterIdentity(String key, Headers headers) {
        String marker = HeaderText.of(headers, BadFrameMaker.MARKER_HEADER);
        if (marker != null) {
            return marker;
        }
        return AuditInput.identity(String.valueOf(key), parseOrMinusOne(HeaderText.of(headers, FrameHeaders.SEQUENCE)));
    }

    private static String frameIdentity(String key, Headers headers, ConsumerRecord<?, ?> r) {
        String seq = HeaderText.of(headers, FrameHeaders.SEQUENCE);
        if (key == null || seq == null) {
            // not a camera's frame and not ours: its own identity, so it is counted and cannot hide
            return "unknown@" + r.topic() + "-" + r.partition() + "-" + r.offset();
        }
        return AuditInput.identity(key, parseOrMinusOne(seq));
    }

    private static long parseOrMinusOne(String text) {
        try {
            return text == null ? -1 : Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "tessera-chaos-audit");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024 + 128 * 1024);
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : c.partitionsFor(topic, Duration.ofSeconds(60))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = c.endOffsets(partitions, Duration.ofSeconds(60));
            long deadline = clock.millis() + Duration.ofMinutes(5).toMillis();
            while (!reached(c, ends)) {
                if (clock.millis() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within 5 minutes");
                }
                c.poll(POLL).forEach(out::add);
            }
        }
        return out;
    }

    private static boolean reached(KafkaConsumer<?, ?> c, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
            if (c.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}

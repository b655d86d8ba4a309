package io.tessera.ingest.recording;

import io.tessera.ingest.CapturedFrame;
import io.tessera.ingest.IngestException;
import io.tessera.protocol.TopicDescriptor;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes the frames topic (all partitions, {@code read_committed}, no consumer group, nothing
 * committed) into a recording until a limit is reached or it is stopped. Each poll's records
 * are one durable batch of the {@link RecordingWriter}.
 */
public final class FrameRecorder implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FrameRecorder.class);

    /** Where to start reading. */
    public enum Start { BEGINNING, END }

    /**
     * When to stop (0 / null = no such limit).
     *
     * @param untilEnd     stop once every partition is read up to its end as of the start
     * @param idleTimeout  stop after this long without a record
     */
    public record Limits(long maxFrames, Duration duration, boolean untilEnd, Duration idleTimeout) {
        public static Limits none() {
            return new Limits(0, null, false, null);
        }
    }

    private final Consumer<String, byte[]> consumer;
    private final String topic;
    private final String bootstrapServers;
    private final RecordingWriter writer;
    private final Start start;
    private final Limits limits;
    private final Clock clock;
    private volatile boolean stopRequested;
    private volatile long recorded;
    private volatile long recordedBytes;

    public FrameRecorder(Consumer<String, byte[]> consumer, String topic, String bootstrapServers, RecordingWriter writer,
                         Start start, Limits limits, Clock clock) {
        this.consumer = consumer;
        this.topic = topic;
        this.bootstrapServers = bootstrapServers;
        this.writer = writer;
        this.start = start;
        this.limits = limits;
        this.clock = clock;
    }

    /** A consumer for frames of up to {@code maxFrameBytes}, read_committed, without a group. */
    public static KafkaConsumer<String, byte[]> consumer(TopicDescriptor<String, byte[]> frames, String bootstrapServers,
                                                         int maxFrameBytes, Map<String, String> extra) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "tessera-record");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(Math.max(maxFrameBytes, 1024 * 1024)));
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(Math.max(4 * maxFrameBytes, 64 * 1024 * 1024)));
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "64");
        p.putAll(extra);
        return new KafkaConsumer<>(p, frames.keySerde().deserializer(), frames.valueSerde().deserializer());
    }

    @Override
    public void run() {
        List<TopicPartition> partitions = assign();
        Map<TopicPartition, Long> endOffsets = limits.untilEnd() ? consumer.endOffsets(partitions) : Map.of();
        Instant began = clock.instant();
        Instant lastRecord = began;
        try {
            while (!stopRequested) {
                if (limits.untilEnd() && reachedEnd(endOffsets)) {
                    LOG.info("recorded {} up to its end offsets as of the start", topic);
                    return;
                }
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
                Instant now = clock.instant();
                if (limits.duration() != null && !now.isBefore(began.plus(limits.duration()))) {
                    return;
                }
                if (records.isEmpty()) {
                    if (limits.idleTimeout() != null && !now.isBefore(lastRecord.plus(limits.idleTimeout()))) {
                        LOG.info("no frame for {}: stopping", limits.idleTimeout());
                        return;
                    }
                    continue;
                }
                lastRecord = now;
                List<RecordingWriter.SourcedFrame> batch = new ArrayList<>(records.count());
                for (ConsumerRecord<String, byte[]> r : records) {
                    if (limits.maxFrames() > 0 && writer.count() + batch.size() >= limits.maxFrames()) {
                        break;
                    }
                    if (r.value() == null) {
                        LOG.warn("skipping record {}-{}@{}: it has no value (a tombstone is not a frame)", r.topic(), r.partition(), r.offset());
                        continue;
                    }
                    List<Header> headers = List.of(r.headers().toArray());
                    CapturedFrame frame = new CapturedFrame(r.key(), headers, r.value(), Instant.ofEpochMilli(r.timestamp()));
                    batch.add(new RecordingWriter.SourcedFrame(frame, r.topic(), r.partition(), r.offset()));
                }
                writer.append(batch);
                recorded = writer.count();
                recordedBytes = writer.bytes();
                if (limits.maxFrames() > 0 && writer.count() >= limits.maxFrames()) {
                    return;
                }
            }
        } catch (WakeupException e) {
            // stop() during poll
        } catch (RecordDeserializationException e) {
            throw new IngestException("record " + e.topicPartition() + "@" + e.offset() + " of " + bootstrapServers
                    + " cannot be recorded: " + e.getMessage() + " (raise --max-frame-bytes to record frames this large)", e);
        } catch (IOException e) {
            throw new IngestException("writing the recording " + writer.dir() + " failed: " + e.getMessage(), e);
        }
    }

    private List<TopicPartition> assign() {
        List<PartitionInfo> infos;
        try {
            infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        } catch (TimeoutException e) {
            throw new IngestException("Kafka at " + bootstrapServers + " did not answer within 30 s (is it running?)", e);
        }
        if (infos == null || infos.isEmpty()) {
            throw new IngestException("topic " + topic + " does not exist at " + bootstrapServers);
        }
        List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
        consumer.assign(partitions);
        if (start == Start.BEGINNING) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
        for (TopicPartition tp : partitions) {
            consumer.position(tp); // resolve the start now, before anything is produced meanwhile
        }
        return partitions;
    }

    private boolean reachedEnd(Map<TopicPartition, Long> endOffsets) {
        for (Map.Entry<TopicPartition, Long> e : endOffsets.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    public long recorded() {
        return recorded;
    }

    public long recordedBytes() {
        return recordedBytes;
    }

    /** Ends the run after the batch in hand; safe from any thread. */
    public void stop() {
        stopRequested = true;
        consumer.wakeup();
    }

    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        try {
            writer.close();
        } catch (IOException e) {
            throw new IngestException("closing the recording " + writer.dir() + " failed: " + e.getMessage(), e);
        }
    }
}

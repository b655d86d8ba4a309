package io.tessera.stream.web;

import io.tessera.protocol.ContentType;
import io.tessera.protocol.FrameFormatException;
import io.tessera.protocol.FrameMetadata;
import io.tessera.protocol.Verdict;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches the frame behind a DEFECT verdict from the frames topic and makes its thumbnail.
 *
 * <p>Following the whole frames topic would cost the dashboard as much network as the inspection
 * app, and verdicts can trail their frames by minutes under load. Instead each request seeks: the
 * camera's partition follows from the record key, the offset from the frame's capture time
 * ({@code offsetsForTimes}, the record timestamp being the capture or the send time, never
 * earlier than capture), and a short scan finds the record with the verdict's sequence number.
 * Requests queue in a bounded deque; when defects arrive faster than thumbnails can be made the
 * oldest requests are dropped and counted, since only the latest defects are shown anyway.
 */
final class ThumbnailFetcher implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ThumbnailFetcher.class);
    /** Record timestamps may run a little ahead of or behind the capture clock of the camera host. */
    private static final Duration SEEK_MARGIN = Duration.ofMillis(500);
    // At 600 KB a frame, a scan reads at most about 180 MB; past that the thumbnail is skipped.
    private static final int MAX_SCANNED = 300;
    private static final int MAX_PENDING = 16;

    /** What became of a request; the outcomes are counted as a metric. */
    enum Outcome { DRAWN, NOT_FOUND, UNDECODABLE, DROPPED }

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final Thumbnailer thumbnailer;
    private final BiConsumer<ThumbnailInfo, byte[]> sink;
    private final Consumer<Outcome> outcomes;
    private final LinkedBlockingDeque<Verdict> pending = new LinkedBlockingDeque<>();
    private final Thread thread;
    private volatile boolean stopping;

    ThumbnailFetcher(Map<String, String> kafka, String topic, Thumbnailer thumbnailer,
                     BiConsumer<ThumbnailInfo, byte[]> sink, Consumer<Outcome> outcomes) {
        Map<String, Object> props = DashboardConsumers.properties(kafka, "tessera-dashboard-frames");
        // frames are megabytes each: fetch few at a time
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 32 * 1024 * 1024);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 8);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
        this.thumbnailer = thumbnailer;
        this.sink = sink;
        this.outcomes = outcomes;
        this.thread = new Thread(this, "dashboard-thumbnails");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Asks for the thumbnail of a DEFECT verdict's frame; never blocks the verdict feed. */
    void request(Verdict verdict) {
        pending.addLast(verdict);
        while (pending.size() > MAX_PENDING && pending.pollFirst() != null) {
            outcomes.accept(Outcome.DROPPED);
        }
    }

    @Override
    public void run() {
        try {
            while (!stopping) {
                Verdict verdict = pending.pollFirst(500, TimeUnit.MILLISECONDS);
                if (verdict != null) {
                    try {
                        fetch(verdict);
                    } catch (WakeupException e) {
                        throw e;
                    } catch (KafkaException e) {
                        // The broker is away: this thumbnail is lost, the fetcher is not.
                        LOG.warn("thumbnail of {}/{} not fetched: {}", verdict.cameraId(), verdict.sequence(), e.toString());
                        outcomes.accept(Outcome.NOT_FOUND);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (WakeupException e) {
            if (!stopping) {
                LOG.error("thumbnail fetcher woken up unexpectedly", e);
            }
        } catch (RuntimeException e) {
            LOG.error("the dashboard's thumbnail fetcher stopped", e);
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(2)));
        }
    }

    private void fetch(Verdict verdict) {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5));
        if (partitions == null || partitions.isEmpty()) {
            outcomes.accept(Outcome.NOT_FOUND);
            return;
        }
        TopicPartition tp = new TopicPartition(topic, KeyPartitioner.partition(verdict.cameraId(), partitions.size()));
        consumer.assign(List.of(tp));
        long from = verdict.captureTime().minus(SEEK_MARGIN).toEpochMilli();
        OffsetAndTimestamp start = consumer.offsetsForTimes(Map.of(tp, Math.max(0, from)), Duration.ofSeconds(5)).get(tp);
        if (start == null) {
            LOG.debug("no frame at or after {} on {}", verdict.captureTime(), tp);
            outcomes.accept(Outcome.NOT_FOUND);
            return;
        }
        long end = consumer.endOffsets(List.of(tp), Duration.ofSeconds(5)).get(tp);
        consumer.seek(tp, start.offset());
        int scanned = 0;
        int emptyPolls = 0;
        while (!stopping && scanned < MAX_SCANNED && consumer.position(tp) < end && emptyPolls < 5) {
            ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
            emptyPolls = records.isEmpty() ? emptyPolls + 1 : 0;
            for (ConsumerRecord<String, byte[]> record : records) {
                scanned++;
                if (!verdict.cameraId().equals(record.key()) || record.value() == null) {
                    continue;
                }
                FrameMetadata meta;
                try {
                    meta = FrameMetadata.readFrom(record.key(), record.headers());
                } catch (FrameFormatException e) {
                    continue;
                }
                if (meta.sequence() == verdict.sequence()) {
                    render(verdict, meta, record.value());
                    return;
                }
                if (meta.sequence() > verdict.sequence()) {
                    break;
                }
            }
        }
        LOG.debug("frame {}#{} not found on {} after {} records", verdict.cameraId(), verdict.sequence(), tp, scanned);
        outcomes.accept(Outcome.NOT_FOUND);
    }

    private void render(Verdict verdict, FrameMetadata meta, byte[] bytes) {
        ContentType type = meta.contentType();
        try {
            Thumbnailer.Rendered r = thumbnailer.render(type, meta.width(), meta.height(), bytes);
            sink.accept(new ThumbnailInfo(null, verdict.cameraId(), verdict.lineId(), verdict.sequence(), verdict.partId(),
                    verdict.captureTime(), verdict.defectScore(), verdict.threshold(), r.frameWidth(), r.frameHeight(),
                    r.width(), r.height(), verdict.defectTiles(), verdict.model().version()), r.jpeg());
            outcomes.accept(Outcome.DRAWN);
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot make a thumbnail of frame {}#{} ({}): {}", verdict.cameraId(), verdict.sequence(), type, e.toString());
            outcomes.accept(Outcome.UNDECODABLE);
        }
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

package io.tessera.ingest;

import io.tessera.protocol.FrameHeaders;
import io.tessera.protocol.FrameMetadata;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * One frame ready to publish: record key (camera id), headers and value exactly as they go to
 * Kafka. Recordings replay frames as they were recorded, even frames whose headers break the
 * wire format (tests feed those to the dead-letter path), so the headers are kept as raw
 * records rather than as parsed {@link FrameMetadata}.
 *
 * @param key       camera id; null only for a recorded record that had no key
 * @param headers   in publishing order
 * @param value     the image bytes (not copied: treat as read-only)
 * @param timestamp when the frame was taken (simulated and live sources) or when its record
 *                  was produced (recordings); replay paces frames by it
 */
public record CapturedFrame(String key, List<Header> headers, byte[] value, Instant timestamp) {
    public CapturedFrame {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(timestamp, "timestamp");
        headers = List.copyOf(headers);
    }

    /** A frame whose headers are written from the given metadata. */
    public static CapturedFrame of(FrameMetadata metadata, byte[] bytes) {
        RecordHeaders headers = new RecordHeaders();
        metadata.writeTo(headers);
        return new CapturedFrame(metadata.cameraId(), List.of(headers.toArray()), bytes, metadata.captureTime());
    }

    /** Parses the wire-format metadata; throws {@link io.tessera.protocol.FrameFormatException} when the headers are bad. */
    public FrameMetadata metadata() {
        return FrameMetadata.readFrom(key, kafkaHeaders());
    }

    public RecordHeaders kafkaHeaders() {
        return new RecordHeaders(headers.toArray(Header[]::new));
    }

    /** The same frame with one header's value replaced (or appended when absent), keeping the header order. */
    public CapturedFrame withHeader(String name, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<Header> out = new ArrayList<>(headers.size() + 1);
        boolean replaced = false;
        for (Header h : headers) {
            if (h.key().equals(name) && !replaced) {
                out.add(new RecordHeader(name, bytes));
                replaced = true;
            } else if (!h.key().equals(name)) {
                out.add(h);
            }
        }
        if (!replaced) {
            out.add(new RecordHeader(name, bytes));
        }
        return new CapturedFrame(key, out, value, timestamp);
    }

    /** The same frame with its capture time (header and timestamp) set to the given instant. */
    public CapturedFrame withCaptureTime(Instant time) {
        CapturedFrame stamped = withHeader(FrameHeaders.CAPTURE_TIME, Long.toString(time.toEpochMilli()));
        return new CapturedFrame(stamped.key, stamped.headers, value, time);
    }

    public int sizeBytes() {
        return value.length;
    }
}

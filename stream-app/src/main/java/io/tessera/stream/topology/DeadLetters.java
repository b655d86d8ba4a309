package io.tessera.stream.topology;

import io.tessera.protocol.FrameHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Dead-letter headers: the original headers, untouched, plus the reason, a detail message, the
 * time and where the frame came from, so a frame can be inspected and replayed as it came.
 */
public final class DeadLetters {
    /** Longest detail kept: a header is not the place for a stack trace. */
    private static final int MAX_DETAIL = 1000;

    private DeadLetters() {
    }

    public static Headers headers(Headers original, String reason, String detail, Instant now, String topic, int partition,
            long offset) {
        RecordHeaders headers = new RecordHeaders(original == null ? new RecordHeaders().toArray() : original.toArray());
        for (String name : new String[] {FrameHeaders.DLQ_REASON, FrameHeaders.DLQ_DETAIL, FrameHeaders.DLQ_TIME,
                FrameHeaders.DLQ_SOURCE_TOPIC, FrameHeaders.DLQ_SOURCE_PARTITION, FrameHeaders.DLQ_SOURCE_OFFSET}) {
            headers.remove(name); // a frame replayed from the DLQ carries its old reason
        }
        add(headers, FrameHeaders.DLQ_REASON, reason);
        add(headers, FrameHeaders.DLQ_DETAIL, detail == null ? "" : truncate(detail));
        add(headers, FrameHeaders.DLQ_TIME, Long.toString(now.toEpochMilli()));
        if (topic != null) {
            add(headers, FrameHeaders.DLQ_SOURCE_TOPIC, topic);
            add(headers, FrameHeaders.DLQ_SOURCE_PARTITION, Integer.toString(partition));
            add(headers, FrameHeaders.DLQ_SOURCE_OFFSET, Long.toString(offset));
        }
        return headers;
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String truncate(String s) {
        return s.length() <= MAX_DETAIL ? s : s.substring(0, MAX_DETAIL) + "...";
    }
}

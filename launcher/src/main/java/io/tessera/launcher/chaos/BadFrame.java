package io.tessera.launcher.chaos;

import java.util.List;
import org.apache.kafka.common.header.Header;

/**
 * One bad frame as it goes to the frames topic.
 *
 * @param id      unique within the run; travels in header {@link BadFrameMaker#MARKER_HEADER} (the
 *                app keeps a frame's headers on its dead letter, so the audit finds it there)
 * @param kind    what is wrong with it
 * @param key     record key; null for {@link BadFrameKind#MISSING_KEY}
 * @param headers record headers, the marker included
 * @param value   record value
 */
public record BadFrame(String id, BadFrameKind kind, String key, List<Header> headers, byte[] value) {
    public BadFrame {
        headers = List.copyOf(headers);
    }
}

package io.tessera.protocol;

import java.util.List;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The topics of one site. Names are {@code <prefix>frames}, {@code <prefix>verdicts},
 * {@code <prefix>alerts} and {@code <prefix>frames.dlq}; a prefix such as {@code plant1.}
 * keeps several sites apart on one cluster.
 *
 * @param frames      camera id -> encoded image, metadata in headers
 * @param verdicts    camera id -> verdict JSON, one per frame
 * @param alerts      line id -> alert JSON, for DEFECT and UNKNOWN verdicts
 * @param deadLetters camera id -> the original frame bytes, original headers plus the reason
 */
public record Topics(
        TopicDescriptor<String, byte[]> frames,
        TopicDescriptor<String, Verdict> verdicts,
        TopicDescriptor<String, Alert> alerts,
        TopicDescriptor<String, byte[]> deadLetters) {

    public static final String FRAMES = "frames";
    public static final String VERDICTS = "verdicts";
    public static final String ALERTS = "alerts";
    public static final String DEAD_LETTERS = "frames.dlq";

    public static Topics defaults() {
        return withPrefix("", FrameBytesSerde.DEFAULT_MAX_FRAME_BYTES);
    }

    public static Topics withPrefix(String prefix, int maxFrameBytes) {
        String p = prefix == null ? "" : prefix;
        FrameBytesSerde frameSerde = new FrameBytesSerde(maxFrameBytes);
        return new Topics(
                new TopicDescriptor<>(p + FRAMES, Serdes.String(), frameSerde),
                new TopicDescriptor<>(p + VERDICTS, Serdes.String(), new JsonSerde<>(Verdict.class)),
                new TopicDescriptor<>(p + ALERTS, Serdes.String(), new JsonSerde<>(Alert.class)),
                // Dead letters keep the original bytes whatever their size, so the limit does not apply.
                new TopicDescriptor<>(p + DEAD_LETTERS, Serdes.String(), Serdes.ByteArray()));
    }

    public List<String> names() {
        return List.of(frames.name(), verdicts.name(), alerts.name(), deadLetters.name());
    }
}

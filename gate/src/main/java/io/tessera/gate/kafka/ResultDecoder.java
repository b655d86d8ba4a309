package io.tessera.gate.kafka;

import io.tessera.gate.GateSettings;
import io.tessera.gate.core.GateResult;
import io.tessera.gate.core.RecordPosition;
import io.tessera.protocol.Alert;
import io.tessera.protocol.Topics;
import io.tessera.protocol.Verdict;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Turns a record of the verdicts or alerts topic into a {@link GateResult} with the wire format's
 * own strict serdes. The consumer reads raw bytes so that one malformed record is counted and
 * skipped instead of stopping the consumer.
 */
public final class ResultDecoder {

    /** A record's fate: a result of this gate's line, another line's, or malformed. */
    public sealed interface Decoded permits Mine, NotMine, Malformed {
        RecordPosition position();
    }

    public record Mine(RecordPosition position, GateResult result) implements Decoded {
    }

    /** A valid result of another line (or, with a camera filter, another camera). */
    public record NotMine(RecordPosition position, String lineId) implements Decoded {
    }

    public record Malformed(RecordPosition position, String why) implements Decoded {
    }

    private final GateSettings.Source source;
    private final String line;
    private final String camera;
    private final Duration rejectWindow;
    private final Deserializer<Verdict> verdicts;
    private final Deserializer<Alert> alerts;

    public ResultDecoder(GateSettings settings) {
        this.source = settings.source();
        this.line = settings.line();
        this.camera = settings.camera();
        this.rejectWindow = settings.rejectWindow();
        Topics topics = Topics.defaults();
        this.verdicts = topics.verdicts().valueSerde().deserializer();
        this.alerts = topics.alerts().valueSerde().deserializer();
    }

    public Decoded decode(ConsumerRecord<byte[], byte[]> record) {
        RecordPosition position = new RecordPosition(new TopicPartition(record.topic(), record.partition()), record.offset());
        if (record.value() == null) {
            return new Malformed(position, "no value");
        }
        GateResult result;
        try {
            result = source == GateSettings.Source.VERDICTS
                    ? GateResult.of(verdicts.deserialize(record.topic(), record.value()), rejectWindow, position)
                    : GateResult.of(alerts.deserialize(record.topic(), record.value()), position);
        } catch (RuntimeException e) {
            // SerializationException from the strict serdes, IllegalArgumentException from the records' checks
            return new Malformed(position, String.valueOf(e.getMessage()));
        }
        if (!line.equals(result.lineId()) || (camera != null && !camera.equals(result.cameraId()))) {
            return new NotMine(position, result.lineId());
        }
        return new Mine(position, result);
    }
}

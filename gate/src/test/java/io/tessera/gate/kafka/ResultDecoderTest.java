package io.tessera.gate.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.gate.GateSettings;
import io.tessera.gate.core.GatePolicy;
import io.tessera.gate.core.RecordPosition;
import io.tessera.protocol.Alert;
import io.tessera.protocol.Decision;
import io.tessera.protocol.GroundTruth;
import io.tessera.protocol.ModelRef;
import io.tessera.protocol.StageLatency;
import io.tessera.protocol.ThresholdSource;
import io.tessera.protocol.Topics;
import io.tessera.protocol.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ResultDecoderTest {
    private static final Instant CAPTURE = Instant.parse("2026-03-01T08:00:00Z");
    private final Topics topics = Topics.defaults();
    private final GateSettings verdictSettings = GateSettings.forLine("localhost:9092", "line-1").withRejectWindow(Duration.ofMillis(2500));

    private static Verdict verdict(String line, String camera, Decision d) {
        return new Verdict(camera, line, 7, null, CAPTURE, d, d == Decision.UNKNOWN ? "model-error" : null, 0.9, 0.9, 0.5, ThresholdSource.MODEL, 45, null,
                new ModelRef("m", "1"), CAPTURE, StageLatency.none(), GroundTruth.DEFECT);
    }

    private ConsumerRecord<byte[], byte[]> record(String topic, byte[] value) {
        return new ConsumerRecord<>(topic, 1, 42, "k".getBytes(StandardCharsets.UTF_8), value);
    }

    private byte[] bytes(Verdict v) {
        return topics.verdicts().valueSerde().serializer().serialize("verdicts", v);
    }

    @Test
    void aVerdictOfTheLineIsAResultWithTheGatesDeadline() {
        ResultDecoder.Decoded d = new ResultDecoder(verdictSettings).decode(record("verdicts", bytes(verdict("line-1", "cam-1", Decision.UNKNOWN))));
        assertThat(d).isInstanceOf(ResultDecoder.Mine.class);
        var r = ((ResultDecoder.Mine) d).result();
        assertThat(r.deadline()).isEqualTo(CAPTURE.plusMillis(2500));
        assertThat(r.sequence()).isEqualTo(7);
        assertThat(r.modelError()).isTrue();
        assertThat(r.position().partition().partition()).isEqualTo(1);
        assertThat(r.position().offset()).isEqualTo(42);
    }

    @Test
    void anAlertCarriesItsOwnDeadline() {
        GateSettings alerts = verdictSettings.withPolicy(GatePolicy.REJECT_SIGNAL).withSource(GateSettings.Source.ALERTS);
        Alert a = Alert.of(verdict("line-1", "cam-1", Decision.DEFECT), Duration.ofSeconds(9));
        byte[] value = topics.alerts().valueSerde().serializer().serialize("alerts", a);
        var r = ((ResultDecoder.Mine) new ResultDecoder(alerts).decode(record("alerts", value))).result();
        assertThat(r.deadline()).isEqualTo(CAPTURE.plusSeconds(9));
        assertThat(r.decision()).isEqualTo(Decision.DEFECT);
    }

    @Test
    void otherLinesOtherCamerasAndBrokenRecordsAreNotResults() {
        ResultDecoder decoder = new ResultDecoder(verdictSettings);
        assertThat(decoder.decode(record("verdicts", bytes(verdict("line-2", "cam-1", Decision.OK)))))
                .isEqualTo(new ResultDecoder.NotMine(new RecordPosition(
                        new TopicPartition("verdicts", 1), 42), "line-2"));
        ResultDecoder oneCamera = new ResultDecoder(verdictSettings.withCamera("cam-2"));
        assertThat(oneCamera.decode(record("verdicts", bytes(verdict("line-1", "cam-1", Decision.OK))))).isInstanceOf(ResultDecoder.NotMine.class);
        assertThat(oneCamera.decode(record("verdicts", bytes(verdict("line-1", "cam-2", Decision.OK))))).isInstanceOf(ResultDecoder.Mine.class);

        ResultDecoder.Decoded broken = decoder.decode(record("verdicts", "{\"cameraId\":".getBytes(StandardCharsets.UTF_8)));
        assertThat(broken).isInstanceOf(ResultDecoder.Malformed.class);
        assertThat(((ResultDecoder.Malformed) broken).why()).isNotBlank();
        String outOfRange = new String(bytes(verdict("line-1", "cam-1", Decision.OK)), StandardCharsets.UTF_8)
                .replace("\"defectScore\":0.9", "\"defectScore\":1.5");
        assertThat(decoder.decode(record("verdicts", outOfRange.getBytes(StandardCharsets.UTF_8)))).isInstanceOf(ResultDecoder.Malformed.class);
        assertThat(decoder.decode(record("verdicts", null))).isInstanceOf(ResultDecoder.Malformed.class);
    }

    @Test
    void aGateForALineTheTopicDoesNotCarrySaysSoOnce() {
        LineWatch watch = new LineWatch("line-9", 3);
        assertThat(watch.other("line-1")).isNull();
        assertThat(watch.other("line-2")).isNull();
        assertThat(watch.other("line-1")).isEqualTo("no result for line 'line-9' among the first 3 results read; lines seen: [line-1, line-2] (check --line)");
        assertThat(watch.other("line-1")).isNull();

        LineWatch fine = new LineWatch("line-1", 1);
        fine.mine();
        assertThat(fine.other("line-2")).isNull();
    }
}

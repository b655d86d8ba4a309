package io.tessera.stream.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tessera.protocol.Alert;
import io.tessera.protocol.Decision;
import io.tessera.protocol.FrameHeaders;
import io.tessera.protocol.ModelRef;
import io.tessera.protocol.StageLatency;
import io.tessera.protocol.ThresholdSource;
import io.tessera.protocol.Verdict;
import io.tessera.stream.inspect.FrameInspection;
import io.tessera.stream.inspect.Outcome;
import io.tessera.stream.metrics.InspectionMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedForward;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The processor's routing alone, with canned outcomes: which sink each outcome reaches, what an
 * alert and a dead letter carry, and what is counted. No broker, no model, no OpenCV.
 */
class InspectionProcessorTest {
    private static final Instant CAPTURE = Instant.parse("2026-11-27T10:00:00Z");
    private static final Instant NOW = CAPTURE.plusMillis(700);
    private static final Duration REJECT_WINDOW = Duration.ofSeconds(3);
    private static final ModelRef MODEL = new ModelRef("pitting-resnet34", "test");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final InspectionMetrics metrics = new InspectionMetrics(registry);
    private final MockProcessorContext<String, Object> context = new MockProcessorContext<>();

    @AfterEach
    void closeRegistry() {
        registry.close();
    }

    @Test
    void anOkVerdictGoesToTheVerdictsSinkOnlyKeyedByCamera() {
        process(canned(new Outcome.Decided(verdict(Decision.OK, null))));

        List<CapturedForward<? extends String, ?>> forwarded = context.forwarded();
        assertThat(forwarded).hasSize(1);
        assertThat(forwarded.get(0).childName()).contains(InspectionTopology.VERDICTS_SINK);
        assertThat(forwarded.get(0).record().key()).isEqualTo("cam-1");
        assertThat(((Verdict) forwarded.get(0).record().value()).decision()).isEqualTo(Decision.OK);
        assertThat(registry.counter(InspectionMetrics.PREFIX + "verdicts", "decision", "OK", "line", "line-A").count())
                .isEqualTo(1.0);
        // the good part's score, watched for drift towards the camera's threshold
        assertThat(registry.get("tessera.camera.score.permille").tags("camera", "cam-1", "decision", "OK").summary()
                .totalAmount()).isEqualTo(100.0);
    }

    @Test
    void aDefectVerdictAlsoRaisesAnAlertKeyedByLineWithTheRejectDeadline() {
        process(canned(new Outcome.Decided(verdict(Decision.DEFECT, null))));

        assertThat(context.forwarded()).extracting(f -> f.childName().orElseThrow())
                .containsExactly(InspectionTopology.VERDICTS_SINK, InspectionTopology.ALERTS_SINK);
        Record<? extends String, ?> alertRecord = context.forwarded().get(1).record();
        assertThat(alertRecord.key()).isEqualTo("line-A");
        Alert alert = (Alert) alertRecord.value();
        assertThat(alert.decision()).isEqualTo(Decision.DEFECT);
        assertThat(alert.sequence()).isEqualTo(42);
        assertThat(alert.deadline()).isEqualTo(CAPTURE.plus(REJECT_WINDOW));
    }

    @Test
    void aModelErrorVerdictIsAnUnknownWithAnAlertAndNeverADeadLetter() {
        process(canned(new Outcome.Decided(verdict(Decision.UNKNOWN, "model-error"))));

        assertThat(context.forwarded()).extracting(f -> f.childName().orElseThrow())
                .containsExactly(InspectionTopology.VERDICTS_SINK, InspectionTopology.ALERTS_SINK);
        assertThat(((Alert) context.forwarded().get(1).record().value()).reason()).isEqualTo("model-error");
        assertThat(registry.counter(InspectionMetrics.PREFIX + "unknown", "reason", "model-error").count()).isEqualTo(1.0);
        assertThat(registry.find(InspectionMetrics.PREFIX + "dlq").counters()).isEmpty();
        assertThat(registry.find("tessera.camera.score.permille").summaries()).isEmpty();
    }

    @Test
    void aRejectedFrameGoesToTheDeadLetterSinkAsItCameWithItsReasonAndSource() {
        byte[] bytes = {1, 2, 3};
        context.setRecordMetadata("frames", 2, 41L);
        process(canned(new Outcome.Rejected("corrupt-image", "not a JPEG")), bytes);

        assertThat(context.forwarded()).hasSize(1);
        CapturedForward<? extends String, ?> dead = context.forwarded().get(0);
        assertThat(dead.childName()).contains(InspectionTopology.DLQ_SINK);
        assertThat(dead.record().key()).isEqualTo("cam-1");
        assertThat((byte[]) dead.record().value()).containsExactly(bytes);
        assertThat(header(dead, FrameHeaders.DLQ_REASON)).isEqualTo("corrupt-image");
        assertThat(header(dead, FrameHeaders.DLQ_DETAIL)).isEqualTo("not a JPEG");
        assertThat(header(dead, FrameHeaders.DLQ_SOURCE_OFFSET)).isEqualTo("41");
        assertThat(header(dead, FrameHeaders.DLQ_TIME)).isEqualTo(Long.toString(NOW.toEpochMilli()));
        assertThat(registry.counter(InspectionMetrics.PREFIX + "dlq", "reason", "corrupt-image").count()).isEqualTo(1.0);
    }

    @Test
    void anInterruptedInspectionStopsTheStreamThreadInsteadOfDroppingTheFrame() {
        InspectionProcessor processor = processor((key, headers, bytes) -> {
            throw new InterruptedException("shutting down");
        });

        assertThatThrownBy(() -> processor.process(frame(new byte[] {0})))
                .isInstanceOf(StreamsException.class).hasMessageContaining("interrupted");
        assertThat(context.forwarded()).isEmpty();
        assertThat(Thread.interrupted()).as("the interrupt flag is restored").isTrue();
    }

    private void process(FrameInspection inspection) {
        process(inspection, new byte[] {0});
    }

    private void process(FrameInspection inspection, byte[] bytes) {
        processor(inspection).process(frame(bytes));
    }

    private InspectionProcessor processor(FrameInspection inspection) {
        InspectionProcessor processor = new InspectionProcessor(inspection, metrics,
                REJECT_WINDOW, Clock.fixed(NOW, ZoneOffset.UTC));
        processor.init(context);
        return processor;
    }

    private static FrameInspection canned(Outcome outcome) {
        return (key, headers, bytes) -> outcome;
    }

    private static Record<String, byte[]> frame(byte[] bytes) {
        return new Record<>("cam-1", bytes, CAPTURE.toEpochMilli(), new RecordHeaders());
    }

    private static Verdict verdict(Decision decision, String reason) {
        double score = decision == Decision.DEFECT ? 0.9 : 0.1;
        return new Verdict("cam-1", "line-A", 42, "part-42", CAPTURE, decision, reason,
                decision == Decision.UNKNOWN ? 0 : 0.9, decision == Decision.UNKNOWN ? 0 : score, 0.62, ThresholdSource.MODEL, 45, List.of(), MODEL,
                NOW, new StageLatency(1, 20, 3, 4, 600, 700), null);
    }

    private static String header(CapturedForward<? extends String, ?> forward, String name) {
        Header h = forward.record().headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}

package io.tessera.stream.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.protocol.ContentType;
import io.tessera.protocol.Decision;
import io.tessera.protocol.ModelRef;
import io.tessera.protocol.Verdict;
import io.tessera.stream.batch.Backlog;
import io.tessera.stream.batch.BatchObserver;
import io.tessera.stream.batch.DynamicBatcher;
import io.tessera.stream.config.AdmissionSettings;
import io.tessera.stream.config.BatchSettings;
import io.tessera.stream.inspect.FrameDecoder;
import io.tessera.stream.inspect.FrameInspector;
import io.tessera.stream.inspect.FrameTiler;
import io.tessera.stream.inspect.Outcome;
import io.tessera.stream.inspect.VerdictFactory;
import io.tessera.stream.validate.CaptureWindow;
import io.tessera.stream.validate.FrameValidator;
import io.tessera.testing.BrightnessClassifier;
import io.tessera.testing.ManualClock;
import io.tessera.testing.TestFrames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Admission control in the inspector, with a manual clock and a stand-in model: a frame that
 * cannot make its deadline gets UNKNOWN late without reaching the model, one that can is decided.
 */
class FrameAdmissionTest {
    private static final Duration BUDGET = Duration.ofMillis(2_000);

    private final ManualClock clock = new ManualClock();
    private final BrightnessClassifier model = BrightnessClassifier.standard();
    private final DynamicBatcher batcher = new DynamicBatcher(model, new BatchSettings(64, Duration.ZERO, Duration.ofSeconds(30)),
            model.card().inputSize(), clock, BatchObserver.NONE);
    private final AtomicReference<Backlog> ahead = new AtomicReference<>(Backlog.IDLE);
    private final List<String> shed = new ArrayList<>();
    private final ModelCallCost modelCost = new ModelCallCost(1.0);
    private final AdmissionControl admission = new AdmissionControl(new AdmissionSettings(true, 1.0, 1.0),
            new BatchSettings(64, Duration.ZERO, Duration.ofSeconds(30)),
            modelCost, ahead::get, shed::add, clock);
    private final FrameInspector inspector = new FrameInspector(new FrameValidator(16 << 20, 50_000_000, CaptureWindow.DEFAULT, clock),
            FrameDecoder.fullSize(), new FrameTiler(model.card().tiling(), model.card().normalization()), batcher,
            new VerdictFactory(new ModelRef("test-brightness", "1"), 0.5), admission, BUDGET, clock);

    @AfterEach
    void close() {
        batcher.close();
    }

    private Verdict inspect(long seq, long ageMillis) throws InterruptedException {
        // a 256x128 frame: 8 tiles of 64 px
        Outcome outcome = inspector.inspect("cam-1", TestFrames.headers("line-1", seq, clock.instant().minusMillis(ageMillis),
                ContentType.JPEG), TestFrames.whiteJpeg(256, 128));
        assertThat(outcome).isInstanceOf(Outcome.Decided.class);
        return ((Outcome.Decided) outcome).verdict();
    }

    @Test
    void shedsAFrameThatCannotMakeItAndDecidesOneThatCan() throws InterruptedException {
        modelCost.batch(64, 1, Duration.ofSeconds(5).toNanos()); // the first call: ignored
        modelCost.batch(64, 1, Duration.ofMillis(64 * 10).toNanos()); // 10 ms a tile
        ahead.set(new Backlog(92, 2, 0, Duration.ZERO)); // (92 + 8) x 10 ms = 1 s of model time before a frame's scores are in

        Verdict tooOld = inspect(1, 1_200); // 800 ms left
        Verdict fresh = inspect(2, 500); // 1.5 s left

        assertThat(tooOld.decision()).isEqualTo(Decision.UNKNOWN);
        assertThat(tooOld.reason()).isEqualTo("late");
        assertThat(tooOld.tileCount()).isZero();
        assertThat(fresh.decision()).isNotEqualTo(Decision.UNKNOWN);
        assertThat(fresh.tileCount()).isEqualTo(8);
        assertThat(model.batchSizes()).as("only the admitted frame reached the model").containsExactly(8);
        assertThat(shed).containsExactly(AdmissionControl.CANNOT_MEET_DEADLINE);
    }

    @Test
    void aFramePastItsDeadlineIsNeitherDecodedNorClassified() throws InterruptedException {
        Verdict late = inspect(1, 2_500);
        assertThat(late.decision()).isEqualTo(Decision.UNKNOWN);
        assertThat(late.reason()).isEqualTo("late");
        assertThat(model.batchSizes()).isEmpty();
        assertThat(shed).containsExactly(AdmissionControl.LATE_ON_ARRIVAL);
    }
}

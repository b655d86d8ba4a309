package io.tessera.stream.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.stream.batch.Backlog;
import io.tessera.stream.config.AdmissionSettings;
import io.tessera.stream.config.BatchSettings;
import io.tessera.stream.config.ConfigException;
import io.tessera.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** The estimate and the admit/shed decision, on a manual clock with measurements fed by hand. */
class AdmissionControlTest {
    private static final AdmissionSettings ON = new AdmissionSettings(true, 1.0, 1.0);
    private static final Duration WAIT = Duration.ofMillis(10);
    /** A batch runs at once from 45 tiles (one 2K frame), as on a CPU. */
    private static final BatchSettings BATCH = new BatchSettings(64, WAIT, Duration.ofSeconds(30), 45, 1_024,
            BatchSettings.DEFAULT_MAX_RESTARTS, BatchSettings.DEFAULT_RESTART_BACKOFF);

    private final ManualClock clock = new ManualClock();
    private final AtomicReference<Backlog> ahead = new AtomicReference<>(Backlog.IDLE);
    private final List<String> shed = new ArrayList<>();
    private final ModelCallCost modelCost = new ModelCallCost(1.0);

    private AdmissionControl control(AdmissionSettings settings) {
        return new AdmissionControl(settings, BATCH, modelCost, ahead::get, shed::add, clock);
    }

    /** 1 ms of decode and tiling and 20 ms of model time per tile. */
    private AdmissionControl measured(AdmissionSettings settings) {
        AdmissionControl control = control(settings);
        control.prepared(45, Duration.ofMillis(45));
        modelCost.batch(64, 2, Duration.ofSeconds(10).toNanos()); // the first call, graph optimisation included: ignored
        modelCost.batch(64, 2, Duration.ofMillis(64 * 20).toNanos());
        return control;
    }

    /** {@code tiles} queued, in requests of 45 tiles or fewer. */
    private static Backlog queued(int tiles) {
        return new Backlog(tiles, (tiles + 44) / 45, 0, Duration.ZERO);
    }

    private Instant in(long millis) {
        return clock.instant().plusMillis(millis);
    }

    @Test
    void theEstimateChargesOwnTilesForPreparationAndOwnPlusQueuedForTheModel() {
        AdmissionControl control = measured(ON);
        // 45 x 1 ms + (64 + 45) x 20 ms + 10 ms wait
        assertThat(control.estimate(45, queued(64))).isEqualTo(Duration.ofMillis(45 + 109 * 20 + 10));
        assertThat(measured(new AdmissionSettings(true, 1.0, 1.5)).estimate(45, queued(64)))
                .isEqualTo(Duration.ofMillis(45 + 109 * 20 + 10).multipliedBy(3).dividedBy(2));
    }

    @Test
    void theRunningModelCallIsChargedForWhatIsLeftOfIt() {
        AdmissionControl control = measured(ON);
        Duration alone = control.estimate(45, Backlog.IDLE);
        // 64 tiles x 20 ms = 1,280 ms, 1,000 ms of it done
        assertThat(control.estimate(45, new Backlog(0, 0, 64, Duration.ofMillis(1_000)))).isEqualTo(alone.plusMillis(280));
        assertThat(control.estimate(45, new Backlog(0, 0, 64, Duration.ofMillis(2_000)))).isEqualTo(alone);
        assertThat(control.estimate(45, new Backlog(20, 1, 64, Duration.ZERO))).isEqualTo(alone.plusMillis(84 * 20));
    }

    @Test
    void aFrameThatCannotMakeItIsShedAndOneThatCanIsAdmitted() {
        AdmissionControl control = measured(ON);
        ahead.set(queued(64)); // estimate 2,235 ms for 45 tiles

        Admission tooLittle = control.admit(45, in(2_000));
        Admission enough = control.admit(45, in(2_300));

        assertThat(tooLittle.admitted()).isFalse();
        assertThat(tooLittle.reason()).isEqualTo(AdmissionControl.CANNOT_MEET_DEADLINE);
        assertThat(tooLittle.estimate()).isEqualTo(Duration.ofMillis(2_235));
        assertThat(tooLittle.remaining()).isEqualTo(Duration.ofMillis(2_000));
        assertThat(enough.admitted()).isTrue();
        assertThat(shed).containsExactly(AdmissionControl.CANNOT_MEET_DEADLINE);
    }

    @Test
    void theBudgetLeftShrinksAsTheClockRuns() {
        AdmissionControl control = measured(ON);
        ahead.set(queued(64));
        Instant deadline = in(2_300);
        assertThat(control.admit(45, deadline).admitted()).isTrue();
        clock.advanceMillis(100);
        assertThat(control.admit(45, deadline).admitted()).isFalse();
    }

    @Test
    void aFrameThatCannotMakeItEvenAloneIsShed() {
        AdmissionControl control = measured(ON);
        // 45 + 45 x 20 + 10 = 955 ms against 500 ms left: its model call would end after its deadline
        assertThat(control.admit(45, in(500)).admitted()).isFalse();
        assertThat(control.admit(45, in(1_000)).admitted()).isTrue();
    }

    @Test
    void anIdleBatcherWithoutAnAdmissionForAWhileTakesOneFrameToMeasureAgain() {
        AdmissionControl control = measured(ON);
        clock.advance(AdmissionControl.PROBE_AFTER.minusMillis(1));
        assertThat(control.admit(45, in(500)).admitted()).isFalse();
        clock.advanceMillis(1);
        ahead.set(queued(1));
        assertThat(control.admit(45, in(500)).admitted()).as("not while tiles wait").isFalse();
        ahead.set(Backlog.IDLE);
        assertThat(control.admit(45, in(500)).admitted()).isTrue();
        assertThat(control.admit(45, in(500)).admitted()).as("one probe, then the estimate again").isFalse();
    }

    @Test
    void beforeAnyMeasurementFramesAreAdmitted() {
        AdmissionControl control = control(ON);
        ahead.set(queued(1_000));
        assertThat(control.admit(45, in(50)).admitted()).isTrue();
    }

    @Test
    void aFramePastItsDeadlineIsShedLateOnArrivalEvenWithAdmissionControlOff() {
        AdmissionControl off = measured(new AdmissionSettings(false, 0.2, 1.2));
        ahead.set(queued(1_000));
        assertThat(off.admit(45, in(100)).admitted()).isTrue();
        Admission late = off.admit(45, in(0));
        assertThat(late.admitted()).isFalse();
        assertThat(late.reason()).isEqualTo(AdmissionControl.LATE_ON_ARRIVAL);
        assertThat(shed).containsExactly(AdmissionControl.LATE_ON_ARRIVAL);
    }

    @Test
    void aFrameWithoutBudgetIsAlwaysAdmitted() {
        AdmissionControl control = measured(ON);
        ahead.set(queued(1_000));
        assertThat(control.admit(45, null).admitted()).isTrue();
    }

    /**
     * Regression: a recording of photos of 10, 21 and 52 tiles, at 1 frame/s on a loaded 2-core
     * machine. After a run of 10-tile calls at 30 ms a tile, a per-tile average charged a 52-tile
     * frame 52 x 30 ms, and with preparation, wait and safety that passed its 2 s budget: it was
     * shed, "cannot meet deadline", with the model idle. Its own call takes 781 ms.
     */
    @Test
    void aLargeFrameAfterARunOfSmallOnesIsChargedForItsOwnCallAndAdmitted() {
        ModelCallCost modelCost = new ModelCallCost(0.2);
        AdmissionControl control = new AdmissionControl(new AdmissionSettings(true, 0.2, 1.2), BATCH, modelCost, ahead::get,
                shed::add, clock);
        control.prepared(52, Duration.ofMillis(104));
        modelCost.batch(52, 1, Duration.ofSeconds(10).toNanos()); // the first call: ignored
        modelCost.batch(52, 1, Duration.ofMillis(781).toNanos());
        modelCost.batch(21, 1, Duration.ofMillis(420).toNanos());
        for (int i = 0; i < 10; i++) {
            modelCost.batch(10, 1, Duration.ofMillis(300).toNanos());
        }

        Admission large = control.admit(52, in(1_983));

        // (104 ms + 781 ms + 10 ms) x 1.2, within a millisecond per part for the fit's rounding
        assertThat(large.estimate()).isBetween(Duration.ofMillis(1_070), Duration.ofMillis(1_078));
        assertThat(large.admitted()).isTrue();
        assertThat(shed).isEmpty();
    }

    @Test
    void tilesAheadAreChargedTheFixedPartOncePerCallTheBatcherWillMake() {
        ModelCallCost modelCost = new ModelCallCost(0.5);
        AdmissionControl control = new AdmissionControl(ON, BATCH, modelCost, ahead::get, shed::add, clock);
        modelCost.batch(10, 1, 1); // the first call: ignored
        modelCost.batch(10, 1, Duration.ofMillis(300).toNanos()); // 200 ms + 10 x 10 ms
        modelCost.batch(50, 1, Duration.ofMillis(700).toNanos()); // 200 ms + 50 x 10 ms
        Duration alone = control.estimate(10, Backlog.IDLE);
        assertThat(alone).isEqualTo(Duration.ofMillis(300 + 10));

        // Its own tiles arrive after decoding, when those queued now have gone in calls of their own.
        // Three frames of 10 tiles ahead: 30 tiles, under 45, so the batcher takes them in one call.
        assertThat(control.estimate(10, new Backlog(30, 3, 0, Duration.ZERO))).isEqualTo(Duration.ofMillis(2 * 200 + 40 * 10 + 10));
        // Two frames of 50 ahead: each holds more than 45, so a call each.
        assertThat(control.estimate(10, new Backlog(100, 2, 0, Duration.ZERO)))
                .isEqualTo(Duration.ofMillis(3 * 200 + 110 * 10 + 10));
        // Nine frames of 10 ahead: 90 tiles, two calls of 45.
        assertThat(control.estimate(10, new Backlog(90, 9, 0, Duration.ZERO)))
                .isEqualTo(Duration.ofMillis(3 * 200 + 100 * 10 + 10));
        // the running call of 50 tiles, 600 ms of its 700 done
        assertThat(control.estimate(10, new Backlog(0, 0, 50, Duration.ofMillis(600)))).isEqualTo(alone.plusMillis(100));
    }

    @Test
    void settingsOutOfRangeNameTheirKey() {
        Assertions.assertThatThrownBy(() -> new AdmissionSettings(true, 0, 1.2)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("inspection.admission-smoothing");
        Assertions.assertThatThrownBy(() -> new AdmissionSettings(true, 0.2, 0.1)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("inspection.admission-safety");
    }
}

package io.tessera.stream.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.stream.batch.Backlog;
import io.tessera.stream.config.AdmissionSettings;
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

    private final ManualClock clock = new ManualClock();
    private final AtomicReference<Backlog> ahead = new AtomicReference<>(Backlog.IDLE);
    private final List<String> shed = new ArrayList<>();
    private final ModelTimePerTile modelTime = new ModelTimePerTile(1.0);

    private AdmissionControl control(AdmissionSettings settings) {
        return new AdmissionControl(settings, WAIT, modelTime, ahead::get, shed::add, clock);
    }

    /** 1 ms of decode and tiling and 20 ms of model time per tile. */
    private AdmissionControl measured(AdmissionSettings settings) {
        AdmissionControl control = control(settings);
        control.prepared(45, Duration.ofMillis(45));
        modelTime.batch(64, 2, Duration.ofSeconds(10).toNanos()); // the first call, graph optimisation included: ignored
        modelTime.batch(64, 2, Duration.ofMillis(64 * 20).toNanos());
        return control;
    }

    private static Backlog queued(int tiles) {
        return new Backlog(tiles, 0, Duration.ZERO);
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
        assertThat(control.estimate(45, new Backlog(0, 64, Duration.ofMillis(1_000)))).isEqualTo(alone.plusMillis(280));
        assertThat(control.estimate(45, new Backlog(0, 64, Duration.ofMillis(2_000)))).isEqualTo(alone);
        assertThat(control.estimate(45, new Backlog(20, 64, Duration.ZERO))).isEqualTo(alone.plusMillis(84 * 20));
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

    @Test
    void measurementsAreSmoothed() {
        ModelTimePerTile smoothed = new ModelTimePerTile(0.25);
        smoothed.batch(10, 1, 99_999); // first call: ignored
        smoothed.batch(10, 1, 100);
        smoothed.batch(10, 1, 500);
        assertThat(smoothed.nanos()).isEqualTo(10 + 0.25 * (50 - 10));
    }

    @Test
    void settingsOutOfRangeNameTheirKey() {
        Assertions.assertThatThrownBy(() -> new AdmissionSettings(true, 0, 1.2)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("inspection.admission-smoothing");
        Assertions.assertThatThrownBy(() -> new AdmissionSettings(true, 0.2, 0.1)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("inspection.admission-safety");
    }
}

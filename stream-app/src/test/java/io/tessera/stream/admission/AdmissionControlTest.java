package io.tessera.stream.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.stream.config.AdmissionSettings;
import io.tessera.stream.config.ConfigException;
import io.tessera.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** The estimate and the admit/shed decision, on a manual clock with measurements fed by hand. */
class AdmissionControlTest {
    private static final AdmissionSettings ON = new AdmissionSettings(true, 1.0, 1.0);
    private static final Duration WAIT = Duration.ofMillis(10);

    private final ManualClock clock = new ManualClock();
    private final AtomicInteger ahead = new AtomicInteger();
    private final List<String> shed = new ArrayList<>();
    private final ModelTimePerTile modelTime = new ModelTimePerTile(1.0);

    private AdmissionControl control(AdmissionSettings settings) {
        return new AdmissionControl(settings, WAIT, modelTime, ahead::get, shed::add, clock);
    }

    /** 1 ms of decode and tiling and 20 ms of model time per tile. */
    private AdmissionControl measured(AdmissionSettings settings) {
        AdmissionControl control = control(settings);
        control.prepared(45, Duration.ofMillis(45));
        modelTime.batch(64, 2, Duration.ofMillis(64 * 20).toNanos());
        return control;
    }

    private Instant in(long millis) {
        return clock.instant().plusMillis(millis);
    }

    @Test
    void theEstimateChargesOwnTilesForPreparationAndOwnPlusAheadForTheModel() {
        AdmissionControl control = measured(ON);
        // 45 x 1 ms + (64 + 45) x 20 ms + 10 ms wait
        assertThat(control.estimate(45, 64)).isEqualTo(Duration.ofMillis(45 + 109 * 20 + 10));
        assertThat(measured(new AdmissionSettings(true, 1.0, 1.5)).estimate(45, 64))
                .isEqualTo(Duration.ofMillis(45 + 109 * 20 + 10).multipliedBy(3).dividedBy(2));
    }

    @Test
    void aFrameThatCannotMakeItIsShedAndOneThatCanIsAdmitted() {
        AdmissionControl control = measured(ON);
        ahead.set(64); // estimate 2,235 ms for 45 tiles

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
        ahead.set(64);
        Instant deadline = in(2_300);
        assertThat(control.admit(45, deadline).admitted()).isTrue();
        clock.advanceMillis(100);
        assertThat(control.admit(45, deadline).admitted()).isFalse();
    }

    @Test
    void withNothingAheadAFrameIsAdmittedWhateverTheEstimate() {
        AdmissionControl control = measured(ON);
        ahead.set(0);
        // 45 + 45 x 20 + 10 = 955 ms against 500 ms left: the model would idle otherwise
        assertThat(control.admit(45, in(500)).admitted()).isTrue();
        assertThat(shed).isEmpty();
    }

    @Test
    void beforeAnyMeasurementFramesAreAdmitted() {
        AdmissionControl control = control(ON);
        ahead.set(1_000);
        assertThat(control.admit(45, in(50)).admitted()).isTrue();
    }

    @Test
    void aFramePastItsDeadlineIsShedLateOnArrivalEvenWithAdmissionControlOff() {
        AdmissionControl off = measured(new AdmissionSettings(false, 0.2, 1.2));
        ahead.set(1_000);
        assertThat(off.admit(45, in(100)).admitted()).isTrue();
        Admission late = off.admit(45, in(0));
        assertThat(late.admitted()).isFalse();
        assertThat(late.reason()).isEqualTo(AdmissionControl.LATE_ON_ARRIVAL);
        assertThat(shed).containsExactly(AdmissionControl.LATE_ON_ARRIVAL);
    }

    @Test
    void aFrameWithoutBudgetIsAlwaysAdmitted() {
        AdmissionControl control = measured(ON);
        ahead.set(1_000);
        assertThat(control.admit(45, null).admitted()).isTrue();
    }

    @Test
    void measurementsAreSmoothed() {
        ModelTimePerTile smoothed = new ModelTimePerTile(0.25);
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

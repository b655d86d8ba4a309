package io.tessera.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The camera rate chosen from a measured capacity. */
class DemoRateTest {

    @Test
    void camerasTogetherOfferSixtyPercentOfTheCapacity() {
        // 53 tiles/s, 45-tile frames: 1.18 frames/s; 60% over 2 cameras = 0.353 -> 0.35 each
        DemoRate rate = DemoRate.choose(53, 45, 2, DemoRate.DEFAULT_LOAD);
        assertThat(rate.framesPerSecond()).isCloseTo(53.0 / 45, within(1e-9));
        assertThat(rate.fpsPerCamera()).isEqualTo(0.35);
        assertThat(rate.offeredLoad()).isCloseTo(0.594, within(0.001)).isLessThanOrEqualTo(0.6);
    }

    @Test
    void aFasterMachineGetsAFasterRateAndMoreCamerasEachASlowerOne() {
        assertThat(DemoRate.choose(400, 45, 2, 0.6).fpsPerCamera()).isEqualTo(2.6); // 2.67 rounded down
        assertThat(DemoRate.choose(53, 45, 4, 0.6).fpsPerCamera()).isEqualTo(0.17); // 0.177
    }

    @Test
    void theRateStaysWithinWhatTheCamerasAccept() {
        assertThat(DemoRate.choose(0.01, 45, 2, 0.6).fpsPerCamera()).isEqualTo(1.0 / 60);
        assertThat(DemoRate.choose(1e6, 45, 1, 0.6).fpsPerCamera()).isEqualTo(60);
    }

    @Test
    void theExplanationNamesCapacityRateAndTarget() {
        String why = DemoRate.choose(53, 45, 2, 0.6).explanation();
        assertThat(why).contains("53.0 tiles/s", "1.18 frames/s", "45 tiles", "2 camera(s) at 0.35 frames/s", "59%",
                "target 60%", "--fps");
    }

    @Test
    void aFrameThatAloneTakesTheBudgetIsWarnedAbout() {
        // 45 tiles at 20.7 tiles/s: 2.2 s a frame
        assertThat(DemoRate.choose(20.7, 45, 2, 0.6).budgetWarning(Duration.ofSeconds(2)))
                .contains("2.2 s", "2.0 s budget", "UNKNOWN late");
        assertThat(DemoRate.choose(53, 45, 2, 0.6).budgetWarning(Duration.ofSeconds(2))).isNull();
        assertThat(DemoRate.choose(20.7, 45, 2, 0.6).budgetWarning(Duration.ZERO)).as("no budget").isNull();
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> DemoRate.choose(0, 45, 2, 0.6)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DemoRate.choose(50, 45, 0, 0.6)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DemoRate.choose(50, 45, 2, 1.5)).hasMessageContaining("target load");
    }

    @Test
    void roundingKeepsTwoSignificantDigitsAndNeverRoundsUp() {
        assertThat(DemoRate.roundDown(0.3534)).isEqualTo(0.35);
        assertThat(DemoRate.roundDown(2.669)).isEqualTo(2.6);
        assertThat(DemoRate.roundDown(12.99)).isEqualTo(12);
        assertThat(DemoRate.roundDown(0.35)).isEqualTo(0.35);
        assertThat(DemoRate.format(0.35)).isEqualTo("0.35");
        assertThat(DemoRate.format(2.0)).isEqualTo("2");
    }
}

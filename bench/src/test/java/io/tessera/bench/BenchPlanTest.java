package io.tessera.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchPlanTest {

    private static BenchPlan plan(Duration latency, int latencyFrames) {
        return new BenchPlan(40, latency, latencyFrames, 0.7, 2, Duration.ofSeconds(6), 2048, 1080, List.of(2.0, 7.0),
                Duration.ofSeconds(10), Duration.ofSeconds(30), 8);
    }

    @Test
    void aSlowMachineSendsLongerSoItsP99IsNotJustTheSlowestOfAFewFrames() {
        // 1.1 frames/s at 70% load: 30 s would give 33 frames, and a p99 of 33 frames is their maximum.
        assertThat(plan(Duration.ofSeconds(30), 100).latencyPass(1.1)).isEqualTo(Duration.ofSeconds(91));
    }

    @Test
    void aFastMachineKeepsTheMinimumDuration() {
        assertThat(plan(Duration.ofSeconds(30), 100).latencyPass(20.0)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aSkippedLatencyPassStaysSkipped() {
        assertThat(plan(Duration.ZERO, 100).latencyPass(1.1)).isZero();
        assertThat(plan(Duration.ofSeconds(30), 0).latencyPass(1.1)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aNegativeFrameCountIsRefusedByItsOptionName() {
        assertThatThrownBy(() -> plan(Duration.ofSeconds(30), -1)).hasMessageContaining("--latency-frames");
    }
}

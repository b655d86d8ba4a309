package io.tessera.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class StageCostTest {

    @Test
    void aStageHasTheMeanAndTheNearestRankSpreadOfItsFrames() {
        // 100 frames of 1..100 ms, given out of order
        long[] wall = LongStream.rangeClosed(1, 100).map(i -> (101 - i) * 1_000_000L).toArray();
        StageCost.Stage stage = StageCost.Stage.of(wall, 200 * 100 * 1_000_000L);
        assertThat(stage.wallMs()).isCloseTo(50.5, within(1e-9));
        assertThat(stage.cpuMs()).isCloseTo(200, within(1e-9));
        assertThat(stage.wallP50Ms()).isEqualTo(50);
        assertThat(stage.wallP99Ms()).isEqualTo(99);
        assertThat(stage.wallMaxMs()).isEqualTo(100);
    }

    @Test
    void oneSlowCallAmongFewIsTheP99() {
        StageCost.Stage stage = StageCost.Stage.of(new long[] {500_000_000L, 520_000_000L, 950_000_000L}, 0);
        assertThat(stage.wallP99Ms()).as("with fewer than 100 frames p99 is the maximum").isEqualTo(950);
        assertThat(stage.wallP50Ms()).isEqualTo(520);
    }

    @Test
    void serviceTimeIsTheThreeStagesBackToBack() {
        StageCost cost = new StageCost(8, 45, new StageCost.Stage(20, 20, 20, 20, 20), new StageCost.Stage(10, 10, 10, 10, 10),
                new StageCost.Stage(530, 1000, 520, 600, 610));
        assertThat(cost.serviceWallMs()).isEqualTo(560);
    }
}

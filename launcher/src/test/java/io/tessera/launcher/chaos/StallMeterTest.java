package io.tessera.launcher.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.launcher.chaos.StallMeter.Done;
import java.util.List;
import org.junit.jupiter.api.Test;

class StallMeterTest {

    @Test
    void aPartitionKeepingUpStallsOnlyAsLongAsAFrameTakes() {
        // a frame every 2 s, each done 1 s later
        List<Stall> stalls = StallMeter.stalls(0, List.of(new Done(0, 1000), new Done(2000, 3000), new Done(4000, 5000)));
        assertThat(stalls).extracting(Stall::millis).containsExactly(1000L, 1000L, 1000L);
    }

    @Test
    void aStallRunsFromTheLastOutputWhileFramesWait() {
        // outputs at 1 s, then nothing until 20 s although frames arrived at 2 s and 4 s
        List<Stall> stalls = StallMeter.stalls(3, List.of(new Done(0, 1000), new Done(2000, 20_000), new Done(4000, 20_500)));
        assertThat(stalls).extracting(Stall::millis).containsExactly(1000L, 18_000L, 500L);
        assertThat(stalls.get(1)).isEqualTo(new Stall(3, 2000, 20_000));
    }

    @Test
    void aBacklogWorkedOffAtAnyPaceIsNotOneLongStall() {
        // ten frames all there at 0, one out every second
        List<Done> frames = new java.util.ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            frames.add(new Done(0, i * 1000L));
        }
        assertThat(StallMeter.stalls(0, frames)).extracting(Stall::millis).containsOnly(1000L);
    }

    @Test
    void anIdlePartitionIsNotStalled() {
        // nothing arrives between 1 s and 60 s
        List<Stall> stalls = StallMeter.stalls(0, List.of(new Done(0, 1000), new Done(60_000, 60_400)));
        assertThat(stalls).extracting(Stall::millis).containsExactly(1000L, 400L);
    }

    @Test
    void outputsSeenInOnePollMakeNoStallOfTheirOwn() {
        List<Stall> stalls = StallMeter.stalls(0, List.of(new Done(0, 5000), new Done(100, 5000)));
        assertThat(stalls).extracting(Stall::millis).containsExactly(5000L);
    }
}

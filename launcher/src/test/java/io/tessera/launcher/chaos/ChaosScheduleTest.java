package io.tessera.launcher.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChaosScheduleTest {
    private static final Duration WARM_UP = Duration.ofSeconds(15);
    private static final Duration TAIL = Duration.ofSeconds(20);

    @Test
    void theSameSeedGivesTheSameSchedule() {
        assertThat(plan(7).events()).isEqualTo(plan(7).events());
        assertThat(plan(7).events()).isNotEqualTo(plan(8).events());
    }

    @Test
    void everyFaultAndEveryBadFrameKindIsThereInsideTheWindow() {
        ChaosSchedule s = plan(1);
        assertThat(s.kills()).isEqualTo(10);
        assertThat(s.brokerRestarts()).isEqualTo(2);
        assertThat(s.badFrames()).isEqualTo(2L * BadFrameKind.values().length);
        assertThat(s.events()).allSatisfy(e -> assertThat(e.at()).isBetween(WARM_UP, Duration.ofMinutes(12).minus(TAIL)));
        assertThat(s.events()).filteredOn(e -> e instanceof ChaosEvent.Kill)
                .allSatisfy(e -> assertThat(((ChaosEvent.Kill) e).instance()).isBetween(0, 1));
        assertThat(s.events()).isSortedAccordingTo(java.util.Comparator.comparing(ChaosEvent::at));
    }

    @Test
    void faultsAreAtLeastHalfASlotApart() {
        List<ChaosEvent> faults = plan(3).events().stream().filter(e -> !(e instanceof ChaosEvent.InjectBadFrame)).toList();
        long slot = Duration.ofMinutes(12).minus(WARM_UP).minus(TAIL).toMillis() / 12;
        for (int i = 1; i < faults.size(); i++) {
            assertThat(faults.get(i).at().minus(faults.get(i - 1).at()).toMillis()).isGreaterThanOrEqualTo(slot / 2);
        }
    }

    @Test
    void aDurationTooShortForTheFaultsIsRefusedNamingTheFlag() {
        assertThatThrownBy(() -> ChaosSchedule.plan(10, 2, 2, 1, Duration.ofMinutes(2), WARM_UP, TAIL, new Random(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--duration").hasMessageContaining("at least 275s");
    }

    private static ChaosSchedule plan(long seed) {
        return ChaosSchedule.plan(10, 2, 2, 2, Duration.ofMinutes(12), WARM_UP, TAIL, new Random(seed));
    }
}

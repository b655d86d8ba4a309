package io.tessera.gate.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.gate.core.GatePolicy;
import io.tessera.protocol.Decision;
import io.tessera.protocol.GroundTruth;
import io.tessera.testing.ManualClock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ShiftRegisterTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T08:00:00Z"));

    @Test
    void passSignalRejectsEveryPartWithoutAnOkByTheGate() {
        ShiftRegister r = new ShiftRegister(GatePolicy.PASS_SIGNAL, clock);
        Instant gate = clock.instant().plusSeconds(3);
        r.partEntered(1, GroundTruth.OK, gate);      // OK arrives: passed
        r.partEntered(2, GroundTruth.DEFECT, gate);  // no OK (withheld DEFECT): correct, fail-safe reject
        r.partEntered(3, GroundTruth.OK, gate);      // no OK in time (late): wrong, fail-safe reject
        r.partEntered(4, GroundTruth.DEFECT, gate);  // OK for a defect: escape
        r.result(1, Decision.OK, gate);
        r.result(4, Decision.OK, gate);
        r.advance();
        assertThat(r.counts().parts()).as("nothing has reached the gate yet").isZero();

        clock.advanceMillis(3_000);
        r.advance();
        r.result(3, Decision.OK, gate);
        assertThat(r.counts()).isEqualTo(new PlcCounts(4, 2, 2, 1, 1, 1, 2, 1, 0));
        assertThat(r.rejectedSequences()).containsExactly(2L, 3L);
    }

    @Test
    void rejectSignalRejectsOnlyPartsWithADefectOrUnknownResult() {
        ShiftRegister r = new ShiftRegister(GatePolicy.REJECT_SIGNAL, clock);
        Instant gate = clock.instant().plusSeconds(1);
        r.partEntered(1, GroundTruth.DEFECT, gate);
        r.partEntered(2, GroundTruth.OK, gate);
        r.partEntered(3, GroundTruth.OK, gate);
        r.partEntered(4, GroundTruth.DEFECT, gate);
        r.result(1, Decision.DEFECT, gate);
        r.result(2, Decision.UNKNOWN, gate);
        r.result(2, Decision.UNKNOWN, gate);
        clock.advanceMillis(1_000);
        r.advance();
        assertThat(r.counts()).isEqualTo(new PlcCounts(4, 2, 2, 1, 1, 1, 0, 0, 1));
    }

    @Test
    void aResultForAnUnannouncedPartPlacesItAtTheResultsDeadline() {
        ShiftRegister r = new ShiftRegister(GatePolicy.REJECT_SIGNAL, clock);
        r.result(9, Decision.DEFECT, clock.instant().plusMillis(500));
        assertThat(r.onBelt()).isEqualTo(1);
        clock.advanceMillis(500);
        r.advance();
        PlcCounts c = r.counts();
        assertThat(c.rejected()).isEqualTo(1);
        assertThat(c.correctRejects() + c.wrongRejects()).as("ground truth unknown").isZero();
    }
}

package io.tessera.launcher.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.launcher.chaos.AuditInput.DeadLetter;
import io.tessera.launcher.chaos.AuditInput.FaultMark;
import io.tessera.launcher.chaos.AuditInput.Output;
import io.tessera.launcher.chaos.AuditInput.SentFrame;
import io.tessera.protocol.Decision;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditorTest {
    private final List<SentFrame> frames = new ArrayList<>();
    private final List<Output> verdicts = new ArrayList<>();
    private final List<Output> alerts = new ArrayList<>();
    private final List<DeadLetter> letters = new ArrayList<>();
    private final Map<String, Long> seen = new HashMap<>();
    private final List<FaultMark> faults = new ArrayList<>();

    @Test
    void aCleanRunPasses() {
        good("cam#0", 0, Decision.OK);
        good("cam#1", 0, Decision.DEFECT);
        alerts.add(new Output("cam#1", Decision.DEFECT));
        bad("bad-0-truncated", BadFrameKind.TRUNCATED, "truncated");
        AuditResult r = audit();
        assertThat(r.passed()).isTrue();
        assertThat(r.frames()).isEqualTo(2);
        assertThat(r.dlqExpected()).isEqualTo(1);
        assertThat(r.dlqFound()).isEqualTo(1);
    }

    @Test
    void lostDoubledAndMisroutedAreEachCounted() {
        good("cam#0", 0, Decision.UNKNOWN);                  // its alert is missing
        verdicts.add(new Output("cam#0", Decision.UNKNOWN)); // a second verdict
        frames.add(new SentFrame("cam#1", null, 0, 0));      // no verdict at all
        good("cam#2", 0, Decision.DEFECT);
        alerts.add(new Output("cam#2", Decision.DEFECT));
        alerts.add(new Output("cam#2", Decision.DEFECT));    // doubled alert
        alerts.add(new Output("cam#3", Decision.DEFECT));    // alert for no verdict
        letters.add(new DeadLetter("cam#2", "corrupt-image")); // a good frame dead-lettered
        bad("bad-0-empty", BadFrameKind.EMPTY, "too-large"); // wrong reason
        frames.add(new SentFrame("bad-1-missing_key", BadFrameKind.MISSING_KEY, 0, 0)); // never dead-lettered
        verdicts.add(new Output("cam#9", Decision.OK));      // a verdict for no frame
        AuditResult r = audit();
        assertThat(r.passed()).isFalse();
        assertThat(r.duplicates()).isEqualTo(1);
        assertThat(r.missing()).isEqualTo(1);
        assertThat(r.unexpectedVerdicts()).isEqualTo(1);
        assertThat(r.alertsMissing()).isEqualTo(1);
        assertThat(r.alertsDuplicated()).isEqualTo(1);
        assertThat(r.unexpectedAlerts()).isEqualTo(1);
        assertThat(r.goodDeadLettered()).isEqualTo(1);
        assertThat(r.dlqExpected()).isEqualTo(2);
        assertThat(r.dlqFound()).isEqualTo(1);
        assertThat(r.dlqWrongReason()).isEqualTo(1);
    }

    @Test
    void stallsAreAttributedToTheFaultThatCausedThem() {
        // partition 0: steady, then killed at 10 s, next output at 18 s
        frames.add(new SentFrame("cam#0", null, 0, 8_000));
        frames.add(new SentFrame("cam#1", null, 0, 11_000));
        seen.put("cam#0", 9_000L);
        seen.put("cam#1", 18_000L);
        // partition 1: broker away from 30 s, output at 60 s
        frames.add(new SentFrame("cam#2", null, 1, 29_000));
        frames.add(new SentFrame("cam#3", null, 1, 31_000));
        seen.put("cam#2", 29_500L);
        seen.put("cam#3", 60_000L);
        faults.add(new FaultMark(10_000, FaultMark.KILL));
        faults.add(new FaultMark(30_000, FaultMark.BROKER_RESTART));
        AuditResult r = Auditor.audit(new AuditInput(frames, verdicts, alerts, letters, seen, faults));
        assertThat(r.maxStall()).isEqualTo(new Stall(1, 31_000, 60_000));
        assertThat(r.maxStallAfterBrokerRestart()).isEqualTo(new Stall(1, 31_000, 60_000));
        assertThat(r.maxStallAfterKill()).isEqualTo(new Stall(0, 11_000, 18_000));
    }

    @Test
    void aKillDuringABrokerOutageDoesNotTakeTheBlameForIt() {
        frames.add(new SentFrame("cam#0", null, 0, 9_000));
        frames.add(new SentFrame("cam#1", null, 0, 12_000));
        seen.put("cam#0", 9_500L);
        seen.put("cam#1", 60_000L);
        faults.add(new FaultMark(10_000, FaultMark.BROKER_RESTART));
        faults.add(new FaultMark(50_000, FaultMark.KILL));
        AuditResult r = audit();
        assertThat(r.maxStallAfterBrokerRestart()).isEqualTo(new Stall(0, 12_000, 60_000));
        assertThat(r.maxStallAfterKill()).isNull();
    }

    private void good(String id, int partition, Decision decision) {
        frames.add(new SentFrame(id, null, partition, 0));
        verdicts.add(new Output(id, decision));
    }

    private void bad(String id, BadFrameKind kind, String reason) {
        frames.add(new SentFrame(id, kind, 0, 0));
        letters.add(new DeadLetter(id, reason));
    }

    private AuditResult audit() {
        return Auditor.audit(new AuditInput(frames, verdicts, alerts, letters, seen, faults));
    }
}

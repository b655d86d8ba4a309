package io.tessera.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tessera.gate.core.GatePolicy;
import io.tessera.gate.core.GateResult;
import io.tessera.gate.core.RecordPosition;
import io.tessera.gate.metrics.GateMeters;
import io.tessera.gate.sim.PlcSimMeters;
import io.tessera.gate.sim.ShiftRegister;
import io.tessera.protocol.Decision;
import io.tessera.protocol.GroundTruth;
import io.tessera.stream.web.GatePanels;
import io.tessera.stream.web.GatePanels.GatePanel;
import io.tessera.stream.web.GatePanels.PlcFigures;
import io.tessera.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The dashboard's gate panel reads the meters that the gate and the simulated PLC really publish. */
class GatePanelMetersTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T06:00:00Z"));

    @Test
    void theGatePanelShowsWhatTheGateAndItsSimulatedPlcCounted() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        GateMeters gate = new GateMeters(registry, "line-1");
        ShiftRegister belt = new ShiftRegister(GatePolicy.PASS_SIGNAL, clock);
        PlcSimMeters.bind(registry, "line-1", belt);

        Instant atGate = clock.instant().plusSeconds(3);
        belt.partEntered(0, GroundTruth.OK, atGate);
        belt.partEntered(1, GroundTruth.DEFECT, atGate);
        belt.partEntered(2, GroundTruth.OK, atGate);
        gate.written(result(0, Decision.OK), 1, Duration.ofMillis(30));
        belt.result(0, Decision.OK, atGate);
        gate.acknowledged(result(0, Decision.OK), Duration.ofMillis(12));
        gate.withheld(result(1, Decision.DEFECT));
        gate.late(result(2, Decision.OK), Duration.ofMillis(200));
        clock.advance(Duration.ofSeconds(4));
        belt.advance();

        GatePanel panel = new GatePanels(registry).read().get(0);

        assertThat(panel.line()).isEqualTo("line-1");
        assertThat(panel.written()).isEqualTo(1);
        assertThat(panel.withheld()).isEqualTo(1);
        assertThat(panel.acknowledged()).isEqualTo(1);
        assertThat(panel.late()).isEqualTo(1);
        assertThat(panel.unacknowledged()).isZero();
        // part 2 had no OK in time: rejected fail-safe, and it was a good part
        assertThat(panel.plc()).isEqualTo(new PlcFigures(1, 2, 2, 1, 0));
    }

    private GateResult result(long sequence, Decision decision) {
        Instant capture = clock.instant();
        return new GateResult(new RecordPosition(new TopicPartition("verdicts", 0), sequence), "line-1", "cam-1", sequence, decision,
                null, decision == Decision.OK ? 0.01 : 0.99, capture, capture.plusSeconds(3));
    }
}

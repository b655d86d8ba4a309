package io.tessera.stream.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tessera.stream.web.GatePanels.GatePanel;
import io.tessera.stream.web.GatePanels.PlcFigures;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class GatePanelsTest {
    private final MeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void noGateInTheProcessMeansNoPanel() {
        Counter.builder("tessera.inspect.frames").tag("line", "line-1").register(registry).increment();
        assertThat(new GatePanels(registry).read()).isEmpty();
    }

    @Test
    void aGatesFiguresAreSummedOverDecisionsPerLine() {
        GateMetersOnRegistry.register(registry, "line-2", 3, 1, 7, 2, 1, 1_764_000_000.5, List.of("result_late"));
        GateMetersOnRegistry.register(registry, "line-1", 5, 0, 4, 0, 0, 0, List.of());

        List<GatePanel> panels = new GatePanels(registry).read();

        assertThat(panels).extracting(GatePanel::line).containsExactly("line-1", "line-2");
        GatePanel two = panels.get(1);
        assertThat(two.written()).isEqualTo(3 + 1);
        assertThat(two.withheld()).isEqualTo(7 + 2);
        assertThat(two.acknowledged()).isEqualTo(4);
        assertThat(two.late()).isEqualTo(1);
        assertThat(two.unacknowledged()).isEqualTo(1);
        assertThat(two.lastAcknowledgedAt()).isEqualTo(1_764_000_000_500L);
        assertThat(two.status()).containsExactly("result_late");
        assertThat(two.plc()).isNull();
        assertThat(panels.get(0).lastAcknowledgedAt()).as("no acknowledgement yet").isNull();
        assertThat(panels.get(0).status()).isEmpty();
    }

    @Test
    void aSimulatedPlcsFiguresJoinItsLinesPanel() {
        GateMetersOnRegistry.register(registry, "line-1", 5, 0, 4, 0, 0, 0, List.of());
        AtomicLong passed = new AtomicLong(5);
        FunctionCounter.builder(GatePanels.PLC_PASSED, passed, AtomicLong::get).tag("line", "line-1").register(registry);
        FunctionCounter.builder(GatePanels.PLC_REJECTED, passed, p -> 3).tag("line", "line-1").register(registry);
        FunctionCounter.builder(GatePanels.PLC_FAIL_SAFE, passed, p -> 3).tag("line", "line-1").register(registry);
        FunctionCounter.builder(GatePanels.PLC_WRONG, passed, p -> 1).tag("line", "line-1").register(registry);
        FunctionCounter.builder(GatePanels.PLC_ESCAPES, passed, p -> 0).tag("line", "line-1").register(registry);
        passed.set(6);

        assertThat(new GatePanels(registry).read().get(0).plc()).isEqualTo(new PlcFigures(6, 3, 3, 1, 0));
    }

    /** The meters a gate publishes, by their names, without the gate module (the app does not depend on it). */
    static final class GateMetersOnRegistry {
        private GateMetersOnRegistry() {
        }

        static void register(MeterRegistry registry, String line, long writtenOk, long writtenUnknown, long withheldDefect,
                             long withheldUnknown, long late, double lastAckEpochSeconds, List<String> statusBitsSet) {
            Counter.builder(GatePanels.WRITTEN).tag("line", line).tag("decision", "OK").register(registry).increment(writtenOk);
            Counter.builder(GatePanels.WRITTEN).tag("line", line).tag("decision", "UNKNOWN").register(registry).increment(writtenUnknown);
            Counter.builder(GatePanels.WITHHELD).tag("line", line).tag("decision", "DEFECT").register(registry).increment(withheldDefect);
            Counter.builder(GatePanels.WITHHELD).tag("line", line).tag("decision", "UNKNOWN").register(registry).increment(withheldUnknown);
            Counter.builder(GatePanels.ACKNOWLEDGED).tag("line", line).register(registry).increment(4);
            Counter.builder(GatePanels.LATE).tag("line", line).register(registry).increment(late);
            Counter.builder(GatePanels.UNACKNOWLEDGED).tag("line", line).register(registry).increment(late);
            Gauge.builder(GatePanels.LAST_ACKNOWLEDGED, () -> lastAckEpochSeconds).tag("line", line).register(registry);
            for (String bit : List.of("model_error", "result_late", "plc_not_acknowledging")) {
                double value = statusBitsSet.contains(bit) ? 1 : 0;
                Gauge.builder(GatePanels.STATUS, () -> value).tag("line", line).tag("bit", bit).register(registry);
            }
        }
    }
}

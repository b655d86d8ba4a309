package io.tessera.launcher.demo;

import io.micrometer.core.instrument.MeterRegistry;
import io.tessera.gate.GateService;
import io.tessera.gate.GateSettings;
import io.tessera.gate.cli.GateStatusLine;
import io.tessera.gate.map.RegisterMap;
import io.tessera.gate.metrics.GateMeters;
import io.tessera.gate.sim.PlcSimMeters;
import io.tessera.gate.sim.PlcSimSettings;
import io.tessera.gate.sim.PlcSimulator;
import io.tessera.gate.sim.ShiftRegister;
import io.tessera.ingest.publish.FrameSink;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's reject gates: one {@code tessera gate} per line (pass-signal, from verdicts) with a
 * simulated PLC on loopback. The PLCs learn each part, with its ground truth, when its camera sends
 * the frame (what a real PLC's trigger sensor tells it), so they count correct and wrong rejects,
 * escapes and fail-safe rejects. The gates' and PLCs' meters go to the demo's {@code /metrics}, where
 * the dashboard's gate panel reads them.
 */
final class DemoGates implements AutoCloseable {

    private record Line(GateService gate, PlcSimulator plc) {
    }

    private final Map<String, Line> lines;
    private final MeterRegistry registry;
    private final Duration rejectWindow;

    private DemoGates(Map<String, Line> lines, MeterRegistry registry, Duration rejectWindow) {
        this.lines = lines;
        this.registry = registry;
        this.rejectWindow = rejectWindow;
    }

    /** Line ids as the demo's line simulator names them. */
    static List<String> lineIds(int lines) {
        List<String> ids = new ArrayList<>();
        for (int l = 1; l <= lines; l++) {
            ids.add(lines == 1 ? "line" : "line-" + l);
        }
        return ids;
    }

    static DemoGates start(List<String> lineIds, String bootstrap, String topicPrefix, Duration rejectWindow, MeterRegistry registry,
                           Clock clock) {
        Map<String, Line> started = new LinkedHashMap<>();
        try {
            for (String id : lineIds) {
                GateSettings settings = GateSettings.forLine(bootstrap, id).withTopicPrefix(topicPrefix).withRejectWindow(rejectWindow)
                        .withModbus("127.0.0.1", 0).withGroupId("tessera-demo-gate-" + id);
                GateMeters meters = new GateMeters(registry, id);
                GateService gate = GateService.start(settings, clock, meters);
                meters.bind(gate);
                PlcSimulator plc;
                try {
                    plc = PlcSimulator.start(PlcSimSettings.of("127.0.0.1", gate.port(), RegisterMap.defaults()),
                            new ShiftRegister(settings.policy(), clock), clock);
                } catch (RuntimeException e) {
                    gate.close();
                    throw e;
                }
                PlcSimMeters.bind(registry, id, plc.shiftRegister());
                started.put(id, new Line(gate, plc));
            }
            return new DemoGates(started, registry, rejectWindow);
        } catch (RuntimeException e) {
            new DemoGates(started, registry, rejectWindow).close();
            throw e;
        }
    }

    /** Wraps the cameras' sink: each frame sent puts its part on the belt of its line's PLC. */
    FrameSink trackingParts(FrameSink sink) {
        Map<String, ShiftRegister> belts = new LinkedHashMap<>();
        lines.forEach((id, line) -> belts.put(id, line.plc().shiftRegister()));
        return new PartTrackingSink(sink, belts, rejectWindow);
    }

    /** One line per gate: where the PLC connects. */
    List<String> describe() {
        List<String> out = new ArrayList<>();
        lines.forEach((id, l) -> out.add(id + ": Modbus TCP 127.0.0.1:" + l.gate().port() + ", " + l.gate().settings().policy()
                + ", simulated PLC"));
        return out;
    }

    /** The gates' and PLCs' figures. */
    List<String> figures() {
        List<String> out = new ArrayList<>();
        lines.values().forEach(l -> {
            out.add(GateStatusLine.of(l.gate(), registry));
            out.add("  " + GateStatusLine.of(l.plc()));
        });
        return out;
    }

    @Override
    public void close() {
        lines.values().forEach(l -> {
            l.plc().close();
            l.gate().close();
        });
    }
}

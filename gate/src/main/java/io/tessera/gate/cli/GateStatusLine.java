package io.tessera.gate.cli;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tessera.gate.GateService;
import io.tessera.gate.map.StatusBit;
import io.tessera.gate.sim.PlcCounts;
import io.tessera.gate.sim.PlcSimulator;
import io.tessera.protocol.Decision;
import java.util.Locale;
import java.util.Set;

/** One line of figures for the terminal, from the gate's meters and, when there is one, the simulated PLC. */
public final class GateStatusLine {
    private GateStatusLine() {
    }

    public static String of(GateService gate, MeterRegistry registry) {
        return of(gate.settings().line(), gate.lag(), gate.status(), registry);
    }

    static String of(String line, long lag, Set<StatusBit> status, MeterRegistry registry) {
        StringBuilder s = new StringBuilder("gate ").append(line).append(": written");
        for (Decision d : Decision.values()) {
            s.append(' ').append(d).append(' ').append(count(registry, "tessera.gate.results.written", line, d));
        }
        s.append(", withheld");
        for (Decision d : Decision.values()) {
            s.append(' ').append(d).append(' ').append(count(registry, "tessera.gate.results.withheld", line, d));
        }
        s.append(String.format(Locale.ROOT, ", acknowledged %d, late %d, unacknowledged %d, lag %d, status %s",
                count(registry, "tessera.gate.results.acknowledged", line, null), count(registry, "tessera.gate.results.late", line, null),
                count(registry, "tessera.gate.results.unacknowledged", line, null), lag, status));
        return s.toString();
    }

    public static String of(PlcSimulator plc) {
        PlcCounts c = plc.shiftRegister().counts();
        PlcSimulator.Stats st = plc.stats();
        return String.format(Locale.ROOT,
                "plc: %s, results read %d, parts %d, passed %d, rejected %d (fail-safe %d), correct rejects %d, wrong rejects %d, "
                        + "escapes %d, results after their part %d, heartbeat %d, status %s",
                st.connected() ? "connected" : "not connected", st.observed().size(), c.parts(), c.passed(), c.rejected(),
                c.failSafeRejects(), c.correctRejects(), c.wrongRejects(), c.escapes(), c.resultsAfterPart(), st.lastHeartbeat(),
                st.lastStatus());
    }

    /** One line's counter: a registry may hold several gates' meters (the demo runs one per line). */
    private static long count(MeterRegistry registry, String name, String line, Decision decision) {
        var search = registry.find(name).tag("line", line);
        if (decision != null) {
            search = search.tag("decision", decision.name());
        }
        Counter c = search.counter();
        return c == null ? 0 : (long) c.count();
    }
}

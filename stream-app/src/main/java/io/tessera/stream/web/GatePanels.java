package io.tessera.stream.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The reject gates that run in this process (the demo runs one per line beside the app), read from
 * the shared meter registry by their published metric names, the way Grafana reads them: the app
 * does not depend on the gate module. Empty when no gate runs here.
 */
public final class GatePanels {
    static final String ACKNOWLEDGED = "tessera.gate.results.acknowledged";
    static final String WRITTEN = "tessera.gate.results.written";
    static final String WITHHELD = "tessera.gate.results.withheld";
    static final String LATE = "tessera.gate.results.late";
    static final String UNACKNOWLEDGED = "tessera.gate.results.unacknowledged";
    static final String LAST_ACKNOWLEDGED = "tessera.gate.last.acknowledged";
    static final String STATUS = "tessera.gate.status";
    static final String PLC_PASSED = "tessera.plcsim.parts.passed";
    static final String PLC_REJECTED = "tessera.plcsim.parts.rejected";
    static final String PLC_FAIL_SAFE = "tessera.plcsim.rejects.fail.safe";
    static final String PLC_WRONG = "tessera.plcsim.rejects.wrong";
    static final String PLC_ESCAPES = "tessera.plcsim.escapes";

    /**
     * One line's gate.
     *
     * @param written            results written to the PLC's registers (by the policy: OK, or DEFECT and UNKNOWN)
     * @param withheld           results the policy does not write
     * @param lastAcknowledgedAt the PLC's latest acknowledgement, epoch milliseconds; null before the first
     * @param status             status bits set now, e.g. plc_not_acknowledging
     * @param plc                a simulated PLC's figures; null for a real PLC
     */
    public record GatePanel(String line, long written, long withheld, long acknowledged, long late, long unacknowledged,
                     Long lastAcknowledgedAt, List<String> status, PlcFigures plc) {
    }

    /** What a simulated PLC did with the parts at its gate. */
    public record PlcFigures(long passed, long rejected, long failSafeRejects, long wrongRejects, long escapes) {
    }

    private final MeterRegistry registry;

    public GatePanels(MeterRegistry registry) {
        this.registry = registry;
    }

    public List<GatePanel> read() {
        Set<String> lines = new TreeSet<>();
        for (Counter c : registry.find(ACKNOWLEDGED).counters()) {
            String line = c.getId().getTag("line");
            if (line != null) {
                lines.add(line);
            }
        }
        List<GatePanel> panels = new ArrayList<>();
        for (String line : lines) {
            double lastAck = sumGauges(search(LAST_ACKNOWLEDGED, line));
            List<String> status = new ArrayList<>();
            for (Gauge bit : search(STATUS, line).gauges()) {
                if (bit.value() >= 1 && bit.getId().getTag("bit") != null) {
                    status.add(bit.getId().getTag("bit"));
                }
            }
            status.sort(null);
            PlcFigures plc = search(PLC_PASSED, line).functionCounters().isEmpty() ? null
                    : new PlcFigures(count(PLC_PASSED, line), count(PLC_REJECTED, line), count(PLC_FAIL_SAFE, line),
                    count(PLC_WRONG, line), count(PLC_ESCAPES, line));
            panels.add(new GatePanel(line, count(WRITTEN, line), count(WITHHELD, line), count(ACKNOWLEDGED, line), count(LATE, line),
                    count(UNACKNOWLEDGED, line), lastAck > 0 ? Long.valueOf(Math.round(lastAck * 1000)) : null, List.copyOf(status),
                    plc));
        }
        return panels;
    }

    private Search search(String name, String line) {
        return registry.find(name).tag("line", line);
    }

    /** Counters and function counters of that name and line, summed over their other tags. */
    private long count(String name, String line) {
        double total = 0;
        for (Counter c : search(name, line).counters()) {
            total += c.count();
        }
        for (FunctionCounter c : search(name, line).functionCounters()) {
            total += c.count();
        }
        return Math.round(total);
    }

    private static double sumGauges(Search search) {
        double total = 0;
        for (Gauge g : search.gauges()) {
            total += g.value();
        }
        return total;
    }
}

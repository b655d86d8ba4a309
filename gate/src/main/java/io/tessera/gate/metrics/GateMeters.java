package io.tessera.gate.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tessera.gate.GateService;
import io.tessera.gate.core.GateEvents;
import io.tessera.gate.core.GateResult;
import io.tessera.gate.core.RecordPosition;
import io.tessera.gate.map.StatusBit;
import io.tessera.protocol.Decision;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The gate's figures as Micrometer meters, tagged {@code line}. Prometheus names:
 * <ul>
 *   <li>{@code tessera_gate_results_written_total{decision}}: results written to a slot</li>
 *   <li>{@code tessera_gate_results_withheld_total{decision}}: results the policy does not write</li>
 *   <li>{@code tessera_gate_results_acknowledged_total}: results the PLC acknowledged</li>
 *   <li>{@code tessera_gate_results_late_total}: results past their deadline, not written</li>
 *   <li>{@code tessera_gate_results_unacknowledged_total}: written results whose deadline passed unacknowledged</li>
 *   <li>{@code tessera_gate_records_malformed_total}, {@code tessera_gate_acknowledgements_refused_total}</li>
 *   <li>{@code tessera_gate_capture_to_write_seconds}: histogram, capture to register write</li>
 *   <li>{@code tessera_gate_write_to_ack_seconds}: histogram, register write to acknowledgement</li>
 *   <li>{@code tessera_gate_lag_records}: results in Kafka not yet written or settled</li>
 *   <li>{@code tessera_gate_pending_results}: written, unacknowledged</li>
 *   <li>{@code tessera_gate_status{bit}}: 1 while a status bit is set</li>
 *   <li>{@code tessera_gate_last_acknowledged_seconds}: epoch seconds of the PLC's latest acknowledgement, 0 before the first</li>
 * </ul>
 */
public final class GateMeters implements GateEvents {
    private final Map<Decision, Counter> written = new EnumMap<>(Decision.class);
    private final Map<Decision, Counter> withheld = new EnumMap<>(Decision.class);
    private final Counter acknowledged;
    private final Counter late;
    private final Counter unacknowledged;
    private final Counter malformed;
    private final Counter refused;
    private final Timer captureToWrite;
    private final Timer writeToAck;
    private final MeterRegistry registry;
    private final String line;

    public GateMeters(MeterRegistry registry, String line) {
        this.registry = registry;
        this.line = line;
        for (Decision d : Decision.values()) {
            written.put(d, Counter.builder("tessera.gate.results.written").tag("line", line).tag("decision", d.name())
                    .description("Results written to a slot for the PLC").register(registry));
            withheld.put(d, Counter.builder("tessera.gate.results.withheld").tag("line", line).tag("decision", d.name())
                    .description("Results the policy does not write").register(registry));
        }
        acknowledged = Counter.builder("tessera.gate.results.acknowledged").tag("line", line)
                .description("Results the PLC acknowledged").register(registry);
        late = Counter.builder("tessera.gate.results.late").tag("line", line)
                .description("Results past their deadline when they could be written; not written").register(registry);
        unacknowledged = Counter.builder("tessera.gate.results.unacknowledged").tag("line", line)
                .description("Written results whose deadline passed before the PLC acknowledged them").register(registry);
        malformed = Counter.builder("tessera.gate.records.malformed").tag("line", line)
                .description("Records that are not a valid verdict or alert").register(registry);
        refused = Counter.builder("tessera.gate.acknowledgements.refused").tag("line", line)
                .description("Acknowledge values that matched no unacknowledged result").register(registry);
        captureToWrite = Timer.builder("tessera.gate.capture.to.write").tag("line", line)
                .description("Capture time of the part to the write of its result into the registers")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
        writeToAck = Timer.builder("tessera.gate.write.to.ack").tag("line", line)
                .description("Register write to the PLC's acknowledgement")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    /** Gauges read from the running gate. */
    public void bind(GateService gate) {
        Gauge.builder("tessera.gate.lag", gate, GateService::lag).tag("line", line).baseUnit("records")
                .description("Results in Kafka not yet written or settled").register(registry);
        Gauge.builder("tessera.gate.pending", gate, g -> g.handshake().written() - g.handshake().acknowledged())
                .tag("line", line).baseUnit("results").description("Written results not yet acknowledged").register(registry);
        Gauge.builder("tessera.gate.last.acknowledged", gate,
                        g -> g.handshake().lastAcknowledged().map(t -> t.toEpochMilli() / 1000.0).orElse(0.0))
                .tag("line", line).baseUnit("seconds").description("When the PLC last acknowledged a result, epoch seconds; 0 before the first")
                .register(registry);
        for (StatusBit bit : StatusBit.values()) {
            Gauge.builder("tessera.gate.status", gate, g -> g.status().contains(bit) ? 1 : 0).tag("line", line)
                    .tag("bit", bit.name().toLowerCase(Locale.ROOT)).description("1 while the status bit is set")
                    .register(registry);
        }
    }

    @Override
    public void written(GateResult result, int counter, Duration d) {
        written.get(result.decision()).increment();
        captureToWrite.record(d.isNegative() ? Duration.ZERO : d);
    }

    @Override
    public void withheld(GateResult result) {
        withheld.get(result.decision()).increment();
    }

    @Override
    public void late(GateResult result, Duration lateness) {
        late.increment();
    }

    @Override
    public void acknowledged(GateResult result, Duration d) {
        acknowledged.increment();
        writeToAck.record(d);
    }

    @Override
    public void unacknowledged(GateResult result) {
        unacknowledged.increment();
    }

    @Override
    public void badAcknowledge(int value, String why) {
        refused.increment();
    }

    @Override
    public void malformed(RecordPosition position, String why) {
        malformed.increment();
    }
}

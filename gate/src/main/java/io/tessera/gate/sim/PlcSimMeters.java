package io.tessera.gate.sim;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToLongFunction;

/**
 * What a simulated PLC did with the parts at its reject gate, as meters read from its shift register,
 * tagged with the line:
 * <ul>
 *   <li>{@code tessera_plcsim_parts_passed_total}, {@code tessera_plcsim_parts_rejected_total}</li>
 *   <li>{@code tessera_plcsim_rejects_fail_safe_total}: rejected because no OK arrived in time (pass-signal)</li>
 *   <li>{@code tessera_plcsim_rejects_wrong_total}: rejected, ground truth OK</li>
 *   <li>{@code tessera_plcsim_escapes_total}: passed, ground truth DEFECT</li>
 * </ul>
 */
public final class PlcSimMeters {
    private PlcSimMeters() {
    }

    public static void bind(MeterRegistry registry, String line, ShiftRegister register) {
        counter(registry, "tessera.plcsim.parts.passed", line, register, PlcCounts::passed, "Parts the PLC let through");
        counter(registry, "tessera.plcsim.parts.rejected", line, register, PlcCounts::rejected, "Parts the PLC rejected");
        counter(registry, "tessera.plcsim.rejects.fail.safe", line, register, PlcCounts::failSafeRejects,
                "Parts rejected because no OK had arrived when they reached the gate");
        counter(registry, "tessera.plcsim.rejects.wrong", line, register, PlcCounts::wrongRejects,
                "Parts rejected whose ground truth is OK");
        counter(registry, "tessera.plcsim.escapes", line, register, PlcCounts::escapes, "Parts passed whose ground truth is DEFECT");
    }

    private static void counter(MeterRegistry registry, String name, String line, ShiftRegister register,
                                ToLongFunction<PlcCounts> figure, String description) {
        FunctionCounter.builder(name, register, r -> figure.applyAsLong(r.counts())).tag("line", line).description(description)
                .register(registry);
    }
}

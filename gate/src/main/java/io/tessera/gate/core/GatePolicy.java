package io.tessera.gate.core;

import io.tessera.gate.GateSettingsException;
import io.tessera.protocol.Decision;
import java.util.Locale;

/** Which results the gate writes to the PLC. */
public enum GatePolicy {
    /**
     * Only OK results are written; the PLC rejects every part that has no OK by the time it reaches
     * the gate. A dead camera, model, broker, gate or cable then rejects parts instead of passing
     * them: the fail-safe a line should use.
     */
    PASS_SIGNAL("pass-signal"),
    /** DEFECT and UNKNOWN results are written; the PLC passes every part that has none. */
    REJECT_SIGNAL("reject-signal");

    public static final String KEY = "gate.policy";

    private final String label;

    GatePolicy(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean writes(Decision decision) {
        return this == PASS_SIGNAL ? decision == Decision.OK : decision.requiresAction();
    }

    public static GatePolicy parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (GatePolicy p : values()) {
            if (p.label.equals(v) || p.name().toLowerCase(Locale.ROOT).equals(v)) {
                return p;
            }
        }
        throw new GateSettingsException(KEY, "must be pass-signal or reject-signal, got '" + value + "'");
    }

    @Override
    public String toString() {
        return label;
    }
}

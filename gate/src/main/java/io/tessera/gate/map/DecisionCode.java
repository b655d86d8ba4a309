package io.tessera.gate.map;

import io.tessera.protocol.Decision;
import java.util.Optional;

/** The decision as a result slot carries it. 0 means the slot has never held a result. */
public enum DecisionCode {
    OK(1),
    DEFECT(2),
    UNKNOWN(3);

    private final int code;

    DecisionCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public Decision decision() {
        return Decision.valueOf(name());
    }

    public static DecisionCode of(Decision decision) {
        return valueOf(decision.name());
    }

    /** Empty for 0 (empty slot) and for any code this version does not know. */
    public static Optional<DecisionCode> fromCode(int code) {
        for (DecisionCode d : values()) {
            if (d.code == code) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}

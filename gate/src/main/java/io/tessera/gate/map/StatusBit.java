package io.tessera.gate.map;

import java.util.EnumSet;
import java.util.Set;

/**
 * The bits of the status register. Bits that report an event (model error, late, unacknowledged)
 * stay set for the status hold time after the last such event, so that a PLC polling every few
 * hundred milliseconds cannot miss them; the others show the current state.
 */
public enum StatusBit {
    /** A verdict of this line came back UNKNOWN because the model failed (reason {@code model-error}). */
    MODEL_ERROR(0),
    /** The Kafka cluster did not answer the gate's last look-up: no new results can arrive. */
    BROKER_UNREACHABLE(1),
    /** A result arrived after its deadline and was not written (the part has passed the gate). */
    RESULT_LATE(2),
    /** A written result reached its deadline before the PLC acknowledged it. */
    RESULT_UNACKNOWLEDGED(3),
    /** The oldest unacknowledged result has waited longer than the acknowledge timeout. */
    PLC_NOT_ACKNOWLEDGING(4),
    /** Every slot holds an unacknowledged result: new results wait (and may turn late). */
    RING_FULL(5);

    private final int bit;

    StatusBit(int bit) {
        this.bit = bit;
    }

    public int bit() {
        return bit;
    }

    public int mask() {
        return 1 << bit;
    }

    public static int toRegister(Set<StatusBit> bits) {
        int value = 0;
        for (StatusBit b : bits) {
            value |= b.mask();
        }
        return value;
    }

    public static EnumSet<StatusBit> fromRegister(int value) {
        EnumSet<StatusBit> bits = EnumSet.noneOf(StatusBit.class);
        for (StatusBit b : values()) {
            if ((value & b.mask()) != 0) {
                bits.add(b);
            }
        }
        return bits;
    }
}

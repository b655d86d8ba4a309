package io.tessera.gate.core;

import java.time.Duration;

/** What happens to results, for metrics and logs. Called under the handshake's lock: keep it quick. */
public interface GateEvents {
    /** Written to a slot; {@code captureToWrite} is the part's capture time to the register write. */
    default void written(GateResult result, int counter, Duration captureToWrite) {
    }

    /** Not written because the policy does not write its decision. */
    default void withheld(GateResult result) {
    }

    /** Arrived (or waited for a free slot) until after its deadline; not written. */
    default void late(GateResult result, Duration lateness) {
    }

    /** Acknowledged by the PLC (called per result, in write order), {@code writeToAck} after it was written. */
    default void acknowledged(GateResult result, Duration writeToAck) {
    }

    /** Written, but its deadline passed before the PLC acknowledged it. Once per result. */
    default void unacknowledged(GateResult result) {
    }

    /** The PLC wrote an acknowledge value that matches no written, unacknowledged result. */
    default void badAcknowledge(int value, String why) {
    }

    /** A record that is not a valid verdict or alert; skipped. */
    default void malformed(RecordPosition position, String why) {
    }

    GateEvents NONE = new GateEvents() {
    };

    /** Both, in order. */
    static GateEvents both(GateEvents first, GateEvents second) {
        return new GateEvents() {
            @Override
            public void written(GateResult result, int counter, Duration captureToWrite) {
                first.written(result, counter, captureToWrite);
                second.written(result, counter, captureToWrite);
            }

            @Override
            public void withheld(GateResult result) {
                first.withheld(result);
                second.withheld(result);
            }

            @Override
            public void late(GateResult result, Duration lateness) {
                first.late(result, lateness);
                second.late(result, lateness);
            }

            @Override
            public void acknowledged(GateResult result, Duration writeToAck) {
                first.acknowledged(result, writeToAck);
                second.acknowledged(result, writeToAck);
            }

            @Override
            public void unacknowledged(GateResult result) {
                first.unacknowledged(result);
                second.unacknowledged(result);
            }

            @Override
            public void badAcknowledge(int value, String why) {
                first.badAcknowledge(value, why);
                second.badAcknowledge(value, why);
            }

            @Override
            public void malformed(RecordPosition position, String why) {
                first.malformed(position, why);
                second.malformed(position, why);
            }
        };
    }
}

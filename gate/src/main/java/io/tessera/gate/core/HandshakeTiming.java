package io.tessera.gate.core;

import io.tessera.gate.GateSettingsException;
import java.time.Duration;

/**
 * @param ackTimeout  how long the oldest written result may wait for its acknowledgement before the
 *                    status says the PLC is not acknowledging ({@code gate.ack-timeout-ms})
 * @param statusHold  how long an event bit (model error, late, unacknowledged) stays set after the
 *                    last such event ({@code gate.status-hold-ms})
 */
public record HandshakeTiming(Duration ackTimeout, Duration statusHold) {
    public static final String KEY_ACK_TIMEOUT = "gate.ack-timeout-ms";
    public static final String KEY_STATUS_HOLD = "gate.status-hold-ms";

    public HandshakeTiming {
        if (ackTimeout == null || ackTimeout.isNegative() || ackTimeout.isZero()) {
            throw new GateSettingsException(KEY_ACK_TIMEOUT, "must be positive, got " + ackTimeout);
        }
        if (statusHold == null || statusHold.isNegative()) {
            throw new GateSettingsException(KEY_STATUS_HOLD, "must be 0 or more, got " + statusHold);
        }
    }

    public static HandshakeTiming defaults() {
        return new HandshakeTiming(Duration.ofSeconds(1), Duration.ofSeconds(10));
    }
}

package io.tessera.gate.core;

import io.tessera.protocol.Alert;
import io.tessera.protocol.Decision;
import io.tessera.protocol.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One part's result as the gate handles it, from a verdict or an alert.
 *
 * @param deadline when the part reaches the gate: a result written after it is useless
 */
public record GateResult(RecordPosition position, String lineId, String cameraId, long sequence, Decision decision,
                         String reason, double score, Instant captureTime, Instant deadline) {

    /** The UNKNOWN reason the inspect app gives when the model failed. */
    public static final String MODEL_ERROR = "model-error";

    public GateResult {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(captureTime, "captureTime");
        Objects.requireNonNull(deadline, "deadline");
    }

    /** A verdict carries no deadline: the gate's is capture time plus the line's reject window. */
    public static GateResult of(Verdict v, Duration rejectWindow, RecordPosition position) {
        return new GateResult(position, v.lineId(), v.cameraId(), v.sequence(), v.decision(), v.reason(), v.defectScore(),
                v.captureTime(), v.captureTime().plus(rejectWindow));
    }

    public static GateResult of(Alert a, RecordPosition position) {
        return new GateResult(position, a.lineId(), a.cameraId(), a.sequence(), a.decision(), a.reason(), a.defectScore(),
                a.captureTime(), a.deadline());
    }

    public boolean modelError() {
        return decision == Decision.UNKNOWN && MODEL_ERROR.equals(reason);
    }
}

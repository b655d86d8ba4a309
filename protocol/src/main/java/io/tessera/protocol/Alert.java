package io.tessera.protocol;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What a reject gate needs, published to the alerts topic keyed by line id for every DEFECT
 * and UNKNOWN verdict. The gate must act before {@code deadline}; an alert read after it is
 * late and the part has already passed the gate.
 */
public record Alert(
        String lineId,
        String cameraId,
        long sequence,
        String partId,
        Decision decision,
        String reason,
        double defectScore,
        double threshold,
        Instant captureTime,
        Instant decidedAt,
        Instant deadline) {

    public Alert {
        Objects.requireNonNull(lineId, "lineId is required");
        Objects.requireNonNull(cameraId, "cameraId is required");
        Objects.requireNonNull(decision, "decision is required");
        Objects.requireNonNull(captureTime, "captureTime is required");
        Objects.requireNonNull(decidedAt, "decidedAt is required");
        Objects.requireNonNull(deadline, "deadline is required");
        if (decision == Decision.OK) {
            throw new IllegalArgumentException("an OK verdict raises no alert");
        }
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must be >= 0, got " + sequence);
        }
        // Same ranges as Verdict: an alert read from the wire is checked as strictly.
        requireUnit(defectScore, "defectScore");
        requireUnit(threshold, "threshold");
    }

    private static void requireUnit(double v, String name) {
        if (!(v >= 0.0 && v <= 1.0)) {
            throw new IllegalArgumentException(name + " must be within [0, 1], got " + v);
        }
    }

    /** The alert for a verdict that requires action; the gate's deadline is capture time plus {@code rejectWindow}. */
    public static Alert of(Verdict verdict, Duration rejectWindow) {
        return new Alert(verdict.lineId(), verdict.cameraId(), verdict.sequence(), verdict.partId(), verdict.decision(),
                verdict.reason(), verdict.defectScore(), verdict.threshold(), verdict.captureTime(), verdict.decidedAt(),
                verdict.captureTime().plus(rejectWindow));
    }
}

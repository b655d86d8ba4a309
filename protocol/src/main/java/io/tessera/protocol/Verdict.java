package io.tessera.protocol;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One verdict per frame, published to the verdicts topic keyed by camera id. The JSON form is
 * described by {@code verdict.schema.json} in this module.
 *
 * @param reason     why the decision is UNKNOWN ({@code late}, {@code model-error}); null otherwise
 * @param confidence confidence in the decision, in [0, 1]: the defect score for DEFECT,
 *                   one minus it for OK, 0 for UNKNOWN
 * @param defectScore the frame's score: the highest tile defect probability
 * @param thresholdSource where {@code threshold} came from; null (JSON written before the field existed) reads as
 *                   {@link ThresholdSource#MODEL}
 * @param groundTruth the frame's ground truth when the camera or recording knew it, else null
 */
public record Verdict(
        String cameraId,
        String lineId,
        long sequence,
        String partId,
        Instant captureTime,
        Decision decision,
        String reason,
        double confidence,
        double defectScore,
        double threshold,
        ThresholdSource thresholdSource,
        int tileCount,
        List<DefectTile> defectTiles,
        ModelRef model,
        Instant decidedAt,
        StageLatency latency,
        GroundTruth groundTruth) {

    public Verdict {
        Objects.requireNonNull(cameraId, "cameraId is required");
        Objects.requireNonNull(lineId, "lineId is required");
        Objects.requireNonNull(captureTime, "captureTime is required");
        Objects.requireNonNull(decision, "decision is required");
        Objects.requireNonNull(model, "model is required");
        Objects.requireNonNull(decidedAt, "decidedAt is required");
        Objects.requireNonNull(latency, "latency is required");
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must be >= 0");
        }
        requireUnit(confidence, "confidence");
        requireUnit(defectScore, "defectScore");
        requireUnit(threshold, "threshold");
        if (decision == Decision.UNKNOWN && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("an UNKNOWN verdict must give its reason");
        }
        thresholdSource = thresholdSource == null ? ThresholdSource.MODEL : thresholdSource;
        defectTiles = defectTiles == null ? List.of() : List.copyOf(defectTiles);
    }

    private static void requireUnit(double v, String name) {
        if (!(v >= 0.0 && v <= 1.0)) {
            throw new IllegalArgumentException(name + " must be within [0, 1], got " + v);
        }
    }
}

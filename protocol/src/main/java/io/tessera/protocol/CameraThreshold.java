package io.tessera.protocol;

import java.time.Instant;
import java.util.Objects;

/**
 * A camera's own decision threshold, taught on known-good parts when the station was set up
 * ({@code tessera model teach-in}), as it lies on the compacted {@link ModelTopics#thresholds()} topic,
 * keyed by {@link #key(String, String) application id/camera id}. It holds for frames scored by the
 * model it was measured on only ({@link #model}): another model's scores are on another scale.
 *
 * @param model                 the model whose scores the threshold was fitted to
 * @param threshold             frames of this camera scoring at or above it are DEFECT
 * @param targetFalseRejectRate the share of good parts teach-in allowed to reach the threshold
 * @param goodFrames            known-good frames it was fitted on
 * @param highestGoodScore      the highest score among them
 * @param recording             where the good frames came from (a recording folder or a label)
 * @param calibratedAt          when the teach-in ran
 */
public record CameraThreshold(String cameraId, ModelRef model, double threshold, double targetFalseRejectRate, int goodFrames,
                              double highestGoodScore, String recording, Instant calibratedAt) {

    public CameraThreshold {
        if (cameraId == null || cameraId.isBlank()) {
            throw new IllegalArgumentException("cameraId is required");
        }
        Objects.requireNonNull(model, "model is required");
        Objects.requireNonNull(calibratedAt, "calibratedAt is required");
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be within (0, 1], got " + threshold);
        }
        if (!(targetFalseRejectRate >= 0 && targetFalseRejectRate < 1)) {
            throw new IllegalArgumentException("targetFalseRejectRate must be within [0, 1), got " + targetFalseRejectRate);
        }
        if (goodFrames < 1) {
            throw new IllegalArgumentException("goodFrames must be at least 1, got " + goodFrames);
        }
        if (!(highestGoodScore >= 0 && highestGoodScore <= 1)) {
            throw new IllegalArgumentException("highestGoodScore must be within [0, 1], got " + highestGoodScore);
        }
    }

    /** The record key: {@code <application-id>/<camera-id>}, as for model deployments one application's instances share it. */
    public static String key(String applicationId, String cameraId) {
        return applicationId + "/" + cameraId;
    }

    /** True when frames scored by {@code serving} may be decided at this threshold. */
    public boolean measuredOn(ModelRef serving) {
        return model.equals(serving);
    }
}

package io.tessera.model.train;

/**
 * Linear warm-up to the peak rate, then cosine decay to {@code floor * peak} at the last step.
 * Warm-up keeps Adam's first, badly estimated steps from wrecking a network trained from scratch.
 */
public record LearningRateSchedule(float peak, long warmupSteps, long totalSteps, float floor) {
    public LearningRateSchedule {
        if (!(peak > 0) || totalSteps < 1 || warmupSteps < 0 || warmupSteps >= totalSteps || floor < 0 || floor > 1) {
            throw new IllegalArgumentException("learning-rate schedule needs lr > 0, 0 <= warmup < steps and a floor"
                    + " within [0, 1]; got lr " + peak + ", warmup " + warmupSteps + ", steps " + totalSteps);
        }
    }

    /** The rate for a 1-based step. */
    public float at(long step) {
        if (step <= warmupSteps) {
            return peak * step / (warmupSteps + 1);
        }
        double progress = (double) (step - warmupSteps) / Math.max(1, totalSteps - warmupSteps);
        double cosine = 0.5 * (1 + Math.cos(Math.PI * Math.min(1, progress)));
        return (float) (peak * (floor + (1 - floor) * cosine));
    }
}

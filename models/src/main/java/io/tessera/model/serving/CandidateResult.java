package io.tessera.model.serving;

import java.util.Locale;

/**
 * What the precision self-check found for one reduced precision.
 *
 * @param failedCheck null when every output was finite, close to fp32 and decided alike; else
 *                    the check that failed, e.g. {@code 3 non-finite outputs at batch 45}
 * @param speedup     tiles per second against fp32 at the largest batch (0 when not measured)
 * @param fastEnough  whether the speed-up reached the minimum asked for
 * @param maxScoreChange largest change of a tile's score from its fp32 reference
 */
public record CandidateResult(Precision precision, String failedCheck, double speedup, boolean fastEnough,
        int maxBatch, double maxScoreChange) {

    public boolean correct() {
        return failedCheck == null;
    }

    /** Correct and clearly faster: what {@code auto} needs to choose it. */
    public boolean passes() {
        return correct() && fastEnough;
    }

    /** One line for logs and dashboards, e.g. {@code bf16 rejected: 3 non-finite outputs at batch 45}. */
    public String reason(double minSpeedup) {
        String label = precision.label();
        if (!correct()) {
            return label + " rejected: " + failedCheck;
        }
        String speed = String.format(Locale.ROOT, "x%.2f fp32's speed at batch %d", speedup, maxBatch);
        return fastEnough
                ? String.format(Locale.ROOT, "%s passed: %s, largest score change %.4f", label, speed, maxScoreChange)
                : String.format(Locale.ROOT, "%s rejected: only %s (needs x%.2f); outputs correct", label, speed,
                        minSpeedup);
    }
}

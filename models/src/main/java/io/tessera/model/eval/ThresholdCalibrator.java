package io.tessera.model.eval;

import java.util.List;

/**
 * Chooses the decision threshold on validation images: the lowest threshold whose false-reject
 * rate on the good images is at most the target, so as few defects as possible escape. With n
 * good images, at most floor(target * n) of them may be flagged; the threshold sits just above
 * the score of the next one.
 */
public final class ThresholdCalibrator {
    private ThresholdCalibrator() {
    }

    public static double calibrate(List<ImageScore> validation, double targetFalseRejectRate) {
        if (!(targetFalseRejectRate >= 0 && targetFalseRejectRate < 1)) {
            throw new IllegalArgumentException("target false-reject rate must be within [0, 1), got "
                    + targetFalseRejectRate);
        }
        double[] good = validation.stream().filter(s -> !s.defect()).mapToDouble(ImageScore::score).sorted().toArray();
        if (good.length == 0) {
            throw new IllegalArgumentException("calibration needs good images in the validation groups; found none");
        }
        int allowed = (int) Math.floor(targetFalseRejectRate * good.length);
        // descending index `allowed`: the highest good score that must not be flagged
        double mustPass = good[good.length - 1 - Math.min(allowed, good.length - 1)];
        if (allowed >= good.length) {
            return Math.min(1.0, good[0]);
        }
        return Math.min(1.0, Math.nextUp(mustPass));
    }
}

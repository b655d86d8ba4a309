package io.tessera.model.cv;

import io.tessera.model.eval.TeachInThreshold;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where each fold's threshold comes from when the folds are pooled. The rule works on the
 * calibration fold's scores stored with the fold, so that a rule can be judged on trained and
 * scored folds without training or scoring them again.
 */
public enum FoldThresholdRule {
    /**
     * The threshold stored with the fold: the lowest that flags at most the target share of the
     * calibration fold's good images, as {@code model calibrate} sets a model's.
     */
    CALIBRATED("calibrated"),
    /**
     * Teach-in's rule (the report's, {@link TeachInThreshold#DEFAULT} from the command line) on the
     * calibration fold's good images: a logit above the highest, held within teach-in's bounds. It asks whether the margin a
     * camera gets at teach-in also suits a model's own threshold, set on other stations.
     */
    TEACH_IN("teach-in");

    private final String label;

    FoldThresholdRule(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static FoldThresholdRule parse(String value) {
        for (FoldThresholdRule r : values()) {
            if (r.label.equals(value.toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        throw new IllegalArgumentException("--threshold-rule must be one of "
                + Arrays.stream(values()).map(FoldThresholdRule::label).collect(Collectors.joining(", ")) + ", got "
                + value);
    }

    /** The fold with its threshold set by this rule. */
    FoldOutcome apply(FoldOutcome fold, TeachInThreshold teachIn) {
        if (this == CALIBRATED) {
            return fold;
        }
        double[] good = fold.calibration().stream().filter(s -> !s.defect()).mapToDouble(ScoredImage::score).toArray();
        if (good.length == 0) {
            throw new IllegalArgumentException("fold " + fold.fold() + " keeps no calibration scores (stored before"
                    + " they were kept): delete its result.json and run the same `model cv` again, which scores it"
                    + " again without training");
        }
        return fold.withThreshold(teachIn.fit(good).threshold());
    }
}

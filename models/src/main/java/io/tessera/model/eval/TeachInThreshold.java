package io.tessera.model.eval;

import java.util.Arrays;
import java.util.Locale;

/**
 * A station's own decision threshold, learnt from known-good parts when a camera is installed
 * ("teach-in"). Good parts of one station score alike, but each station has its own level (its
 * light, lens and surface finish), so a threshold set on other stations can flag most good parts
 * of a new one, or sit far above where its defects score.
 *
 * <p>The rule: at most {@code floor(targetFalseRejectRate * n)} of the n good scores may reach the
 * threshold (with n = 20 and a 0.5% target that is none); the threshold sits {@code margin} logit
 * units above the highest good score that must pass, because 20 good parts do not show the whole
 * spread of good parts, and is then held within [{@code floor}, {@code ceiling}] so that a very
 * clean station cannot pull it down to where noise flags parts, nor a noisy one push it to 1.
 * The margin works in logits since the scores are softmax outputs: near 0 and 1 one logit unit is
 * a small step in probability, near 0.5 a large one.
 *
 * @param margin  logit units between the highest good score that must pass and the threshold
 * @param floor   lowest threshold teach-in may set
 * @param ceiling highest threshold teach-in may set
 */
public record TeachInThreshold(double targetFalseRejectRate, double margin, double floor, double ceiling,
        int minimumGoodImages) {
    public static final TeachInThreshold DEFAULT = new TeachInThreshold(0.005, 1.0, 0.5, 0.999, 10);

    public TeachInThreshold {
        if (!(targetFalseRejectRate >= 0 && targetFalseRejectRate < 1)) {
            throw new IllegalArgumentException("target false-reject rate must be within [0, 1), got "
                    + targetFalseRejectRate);
        }
        if (!(margin >= 0 && margin <= 10)) {
            throw new IllegalArgumentException("teach-in margin must be within [0, 10] logit units, got " + margin);
        }
        if (!(floor > 0 && floor < ceiling && ceiling < 1)) {
            throw new IllegalArgumentException("teach-in bounds must satisfy 0 < floor < ceiling < 1, got " + floor
                    + " and " + ceiling);
        }
        if (minimumGoodImages < 1) {
            throw new IllegalArgumentException("teach-in needs at least one good image, got " + minimumGoodImages);
        }
    }

    /**
     * What teach-in found on a set of good scores.
     *
     * @param goodRejected the taught good images that score at or above the threshold
     */
    public record Result(double threshold, int goodImages, double highestPassingScore, boolean bounded, int goodRejected) {
        public String describe() {
            return String.format(Locale.ROOT, "threshold %.4f from %d good images (highest good score that must pass"
                    + " %.4f%s)", threshold, goodImages, highestPassingScore, bounded ? ", held within the bounds" : "");
        }

        /**
         * What the taught images show of the station's false-reject rate at this threshold: a 95%
         * Wilson interval. With few images it is wide whatever the threshold (none of 20 rejected
         * still allows up to 16%), which is why the rule keeps a margin above the highest good score.
         */
        public WilsonInterval falseRejectEvidence() {
            return WilsonInterval.of(goodRejected, goodImages);
        }
    }

    /**
     * The good images a teach-in needs, none of them rejected, before the upper end of the 95%
     * Wilson interval of the false-reject rate reaches {@code target}: z^2 (1 - target) / target.
     */
    public static int goodImagesToShow(double target) {
        if (!(target > 0 && target < 1)) {
            throw new IllegalArgumentException("target false-reject rate must be within (0, 1), got " + target);
        }
        double z2 = WilsonInterval.Z95 * WilsonInterval.Z95;
        return (int) Math.ceil(z2 * (1 - target) / target);
    }

    public Result fit(double[] goodScores) {
        if (goodScores.length < minimumGoodImages) {
            throw new IllegalArgumentException("teach-in needs at least " + minimumGoodImages + " good images, got "
                    + goodScores.length + ": record more known-good parts at this station");
        }
        double[] sorted = goodScores.clone();
        Arrays.sort(sorted);
        for (double s : sorted) {
            if (!(s >= 0 && s <= 1)) {
                throw new IllegalArgumentException("a good score is outside [0, 1]: " + s);
            }
        }
        int allowed = (int) Math.floor(targetFalseRejectRate * sorted.length);
        double mustPass = sorted[sorted.length - 1 - Math.min(allowed, sorted.length - 1)];
        double raw = sigmoid(logit(mustPass) + margin);
        double bounded = Math.max(floor, Math.min(ceiling, raw));
        // never at or below a score that must pass, even at the ceiling
        double threshold = bounded > mustPass ? bounded : Math.min(1.0, Math.nextUp(mustPass));
        int rejected = 0;
        for (double score : sorted) {
            if (score >= threshold) {
                rejected++;
            }
        }
        return new Result(threshold, sorted.length, mustPass, threshold != raw, rejected);
    }

    private static double logit(double p) {
        double clamped = Math.max(1e-7, Math.min(1 - 1e-7, p));
        return Math.log(clamped / (1 - clamped));
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}

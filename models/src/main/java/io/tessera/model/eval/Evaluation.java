package io.tessera.model.eval;

import java.util.List;

/**
 * Image-level figures at one threshold: an image is flagged when its score reaches the
 * threshold. False-reject rate: good images flagged; escape rate: defect images passed.
 */
public record Evaluation(int images, int goodImages, int defectImages, double threshold, int truePositives,
        int falsePositives, int trueNegatives, int falseNegatives, double auc, WilsonInterval falseRejects,
        WilsonInterval escapes) {

    public static Evaluation of(List<ImageScore> scores, double threshold) {
        double[] defects = scores.stream().filter(ImageScore::defect).mapToDouble(ImageScore::score).toArray();
        double[] goods = scores.stream().filter(s -> !s.defect()).mapToDouble(ImageScore::score).toArray();
        return of(defects, goods, threshold);
    }

    /** The figures of images known only by their scores and true class; flagged when the score reaches the threshold. */
    public static Evaluation of(double[] defectScores, double[] goodScores, double threshold) {
        int tp = 0;
        int fn = 0;
        for (double s : defectScores) {
            if (s >= threshold) {
                tp++;
            } else {
                fn++;
            }
        }
        int fp = 0;
        int tn = 0;
        for (double s : goodScores) {
            if (s >= threshold) {
                fp++;
            } else {
                tn++;
            }
        }
        return new Evaluation(defectScores.length + goodScores.length, goodScores.length, defectScores.length, threshold,
                tp, fp, tn, fn, RocAuc.of(defectScores, goodScores), WilsonInterval.of(fp, fp + tn), WilsonInterval.of(fn, fn + tp));
    }

    /** The AUC's 95% interval (Hanley-McNeil); NaN when a class is empty. */
    public AucInterval aucInterval() {
        return AucInterval.of(auc, defectImages, goodImages);
    }

    public double falseRejectRate() {
        return falseRejects.rate();
    }

    public double escapeRate() {
        return escapes.rate();
    }
}

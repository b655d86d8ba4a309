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
        int tp = 0;
        int fp = 0;
        int tn = 0;
        int fn = 0;
        for (ImageScore s : scores) {
            boolean flagged = s.score() >= threshold;
            if (s.defect()) {
                if (flagged) {
                    tp++;
                } else {
                    fn++;
                }
            } else if (flagged) {
                fp++;
            } else {
                tn++;
            }
        }
        double[] defects = scores.stream().filter(ImageScore::defect).mapToDouble(ImageScore::score).toArray();
        double[] goods = scores.stream().filter(s -> !s.defect()).mapToDouble(ImageScore::score).toArray();
        return new Evaluation(scores.size(), goods.length, defects.length, threshold, tp, fp, tn, fn,
                RocAuc.of(defects, goods), WilsonInterval.of(fp, fp + tn), WilsonInterval.of(fn, fn + tp));
    }

    public double falseRejectRate() {
        return falseRejects.rate();
    }

    public double escapeRate() {
        return escapes.rate();
    }
}

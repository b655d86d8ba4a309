package io.tessera.launcher.compare;

import io.tessera.model.eval.Evaluation;
import io.tessera.protocol.Decision;
import io.tessera.protocol.GroundTruth;
import io.tessera.protocol.Verdict;
import io.tessera.stream.inspect.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One model's figures over a recording: its decisions and, over the frames with ground truth it
 * decided OK or DEFECT, the false-reject and escape rates and the ROC AUC with 95% intervals
 * ({@link Evaluation}, as {@code model eval} reports them). UNKNOWN frames have no score to rank
 * and are counted apart.
 *
 * @param evaluation null when no decided frame has ground truth
 */
public record ModelFigures(int ok, int defect, int unknown, int deadLettered, Evaluation evaluation) {

    public static ModelFigures of(List<FramePair> frames, Function<FramePair, Outcome> side, double threshold) {
        int ok = 0;
        int defect = 0;
        int unknown = 0;
        int dead = 0;
        List<Double> defectScores = new ArrayList<>();
        List<Double> goodScores = new ArrayList<>();
        for (FramePair f : frames) {
            Verdict v = FramePair.verdict(side.apply(f));
            if (v == null) {
                dead++;
                continue;
            }
            switch (v.decision()) {
                case OK -> ok++;
                case DEFECT -> defect++;
                default -> unknown++;
            }
            if (v.decision() != Decision.UNKNOWN && v.groundTruth() != null) {
                (v.groundTruth() == GroundTruth.DEFECT ? defectScores : goodScores).add(v.defectScore());
            }
        }
        Evaluation e = defectScores.isEmpty() && goodScores.isEmpty() ? null
                : Evaluation.of(toArray(defectScores), toArray(goodScores), threshold);
        return new ModelFigures(ok, defect, unknown, dead, e);
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    public boolean hasGroundTruth() {
        return evaluation != null;
    }
}

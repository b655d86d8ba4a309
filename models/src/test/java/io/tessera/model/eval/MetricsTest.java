package io.tessera.model.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tessera.model.data.LabeledImage;
import io.tessera.model.data.Split;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void wilsonIntervalMatchesPublishedValues() {
        // Newcombe (1998), Table I: 0/10 -> 0 to 0.2775; 1/29 -> 0.0061 to 0.1718
        WilsonInterval zero = WilsonInterval.of(0, 10);
        assertThat(zero.lower()).isEqualTo(0);
        assertThat(zero.upper()).isCloseTo(0.2775, within(1e-4));
        WilsonInterval one = WilsonInterval.of(1, 29);
        assertThat(one.lower()).isCloseTo(0.0061, within(1e-4));
        assertThat(one.upper()).isCloseTo(0.1718, within(1e-4));
    }

    @Test
    void aucCountsTiesAsHalf() {
        assertThat(RocAuc.of(new double[] {0.9, 0.8}, new double[] {0.1, 0.2})).isEqualTo(1.0);
        assertThat(RocAuc.of(new double[] {0.1}, new double[] {0.9})).isEqualTo(0.0);
        assertThat(RocAuc.of(new double[] {0.5, 0.9}, new double[] {0.5, 0.1})).isEqualTo(0.875);
    }

    private static ImageScore score(boolean defect, double s) {
        LabeledImage image = new LabeledImage(Path.of("x.jpg"), defect ? "pitting" : "ok", defect, Optional.empty(),
                "g", Split.VALIDATION);
        return new ImageScore(image, s, 10);
    }

    @Test
    void calibrationMeetsTheFalseRejectTargetWithTheLowestThreshold() {
        List<ImageScore> scores = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            scores.add(score(false, i / 1000.0)); // good images score 0.000 .. 0.399
        }
        scores.add(score(true, 0.395));
        scores.add(score(true, 0.9));
        // 0.5% of 400 = 2 good images may be flagged: 0.398 and 0.399; 0.397 must pass
        double t = ThresholdCalibrator.calibrate(scores, 0.005);
        assertThat(t).isGreaterThan(0.397).isLessThan(0.3971);
        Evaluation e = Evaluation.of(scores, t);
        assertThat(e.falsePositives()).isEqualTo(2);
        assertThat(e.falseRejectRate()).isLessThanOrEqualTo(0.005);
        assertThat(e.falseNegatives()).isEqualTo(1);
        assertThat(e.escapes().successes()).isEqualTo(1);
        assertThat(e.escapes().trials()).isEqualTo(2);
    }

    @Test
    void withFewGoodImagesTheThresholdSitsAboveTheHighestGoodScore() {
        List<ImageScore> scores = List.of(score(false, 0.2), score(false, 0.6), score(true, 0.7), score(true, 0.5));
        double t = ThresholdCalibrator.calibrate(scores, 0.005);
        assertThat(t).isGreaterThan(0.6).isLessThan(0.6000001);
        Evaluation e = Evaluation.of(scores, t);
        assertThat(e.falsePositives()).isZero();
        assertThat(e.truePositives()).isEqualTo(1);
    }

    @Test
    void aucIntervalIsHanleyMcNeils() {
        // A = 0.8 with 10 defects and 10 good: Q1 = 2/3, Q2 = 0.7111, SE^2 = 0.0104
        AucInterval i = AucInterval.of(0.8, 10, 10);
        assertThat(i.lower()).isCloseTo(0.8 - 1.959964 * Math.sqrt(0.0104), within(1e-4));
        assertThat(i.upper()).isCloseTo(0.8 + 1.959964 * Math.sqrt(0.0104), within(1e-4));
        assertThat(AucInterval.of(Double.NaN, 0, 5).lower()).isNaN();
        assertThat(AucInterval.of(1.0, 3, 3)).isEqualTo(new AucInterval(1.0, 1.0, 1.0));
    }

    @Test
    void evaluationFromScoresCountsAsFromImages() {
        Evaluation e = Evaluation.of(new double[] {0.9, 0.3}, new double[] {0.6, 0.1, 0.2}, 0.5);
        assertThat(e.truePositives()).isEqualTo(1);
        assertThat(e.falseNegatives()).isEqualTo(1);
        assertThat(e.falsePositives()).isEqualTo(1);
        assertThat(e.trueNegatives()).isEqualTo(2);
        assertThat(e.auc()).isCloseTo(5.0 / 6, within(1e-12));
        assertThat(e.aucInterval().auc()).isEqualTo(e.auc());
    }
}

package io.tessera.model.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TeachInThresholdTest {
    private static double[] goods(double... scores) {
        return scores;
    }

    @Test
    void sitsOneLogitAboveTheHighestGoodScore() {
        double[] scores = new double[20];
        java.util.Arrays.fill(scores, 0.1);
        scores[7] = 0.5; // logit 0
        TeachInThreshold.Result r = TeachInThreshold.DEFAULT.fit(scores);
        assertThat(r.highestPassingScore()).isEqualTo(0.5);
        assertThat(r.threshold()).isCloseTo(1 / (1 + Math.exp(-1)), within(1e-12));
        assertThat(r.bounded()).isFalse();
    }

    @Test
    void aStationWhoseGoodPartsScoreHighGetsAThresholdAboveThemAll() {
        double[] scores = {0.97, 0.98, 0.95, 0.99, 0.96, 0.98, 0.97, 0.985, 0.975, 0.965};
        TeachInThreshold.Result r = TeachInThreshold.DEFAULT.fit(scores);
        for (double s : scores) {
            assertThat(r.threshold()).isGreaterThan(s);
        }
        assertThat(r.threshold()).isLessThanOrEqualTo(0.999);
    }

    @Test
    void aVeryCleanStationCannotPullTheThresholdBelowTheFloor() {
        double[] scores = new double[12];
        java.util.Arrays.fill(scores, 1e-4);
        TeachInThreshold.Result r = TeachInThreshold.DEFAULT.fit(scores);
        assertThat(r.threshold()).isEqualTo(0.5);
        assertThat(r.bounded()).isTrue();
    }

    @Test
    void aGoodScoreAboveTheCeilingStillPasses() {
        double[] scores = new double[10];
        java.util.Arrays.fill(scores, 0.2);
        scores[3] = 0.9995;
        TeachInThreshold.Result r = TeachInThreshold.DEFAULT.fit(scores);
        assertThat(r.threshold()).isGreaterThan(0.9995);
    }

    @Test
    void withEnoughGoodImagesTheTargetAllowsTheHighestFewToBeFlagged() {
        double[] scores = new double[400];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = 0.001 * (i + 1) / 2; // 0.0005 .. 0.2
        }
        TeachInThreshold rule = new TeachInThreshold(0.005, 0, 0.01, 0.999, 10);
        TeachInThreshold.Result r = rule.fit(scores);
        // floor(0.005 * 400) = 2 may be flagged: the third highest must pass
        assertThat(r.highestPassingScore()).isEqualTo(scores[397]);
        long flagged = java.util.Arrays.stream(scores).filter(s -> s >= r.threshold()).count();
        assertThat(flagged).isEqualTo(2);
    }

    @Test
    void tooFewGoodImagesIsRefusedWithWhatToDo() {
        assertThatThrownBy(() -> TeachInThreshold.DEFAULT.fit(goods(0.1, 0.2)))
                .hasMessageContaining("at least 10").hasMessageContaining("record more known-good parts");
    }

    @Test
    void boundsAreChecked() {
        assertThatThrownBy(() -> new TeachInThreshold(0.005, 1, 0.9, 0.5, 10)).hasMessageContaining("floor");
    }

    @Test
    void twentyCleanGoodImagesShowOnlyThatTheFalseRejectRateIsBelowSixteenPercent() {
        double[] scores = new double[20];
        java.util.Arrays.fill(scores, 0.2);

        TeachInThreshold.Result r = TeachInThreshold.DEFAULT.fit(scores);

        assertThat(r.goodRejected()).isZero();
        assertThat(r.falseRejectEvidence().upper()).isCloseTo(0.161, within(0.001));
    }

    @Test
    void goodImagesTheTargetAllowsAboveTheThresholdAreCountedAsRejected() {
        // A 10% target over 20 images lets the two highest good scores reach the threshold.
        double[] scores = new double[20];
        java.util.Arrays.fill(scores, 0.1);
        scores[3] = 0.99;
        scores[11] = 0.98;
        TeachInThreshold rule = new TeachInThreshold(0.1, 1.0, 0.5, 0.999, 10);

        TeachInThreshold.Result r = rule.fit(scores);

        assertThat(r.threshold()).isEqualTo(0.5);
        assertThat(r.goodRejected()).isEqualTo(2);
        assertThat(r.falseRejectEvidence().rate()).isEqualTo(0.1);
    }

    @Test
    void showingAHalfPercentFalseRejectRateTakesAboutSevenHundredSixtyCleanGoodImages() {
        int n = TeachInThreshold.goodImagesToShow(0.005);

        assertThat(n).isEqualTo(765);
        assertThat(WilsonInterval.of(0, n).upper()).isLessThanOrEqualTo(0.005);
        assertThat(WilsonInterval.of(0, n - 1).upper()).isGreaterThan(0.005);
    }
}

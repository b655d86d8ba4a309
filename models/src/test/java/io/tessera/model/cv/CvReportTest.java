package io.tessera.model.cv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.model.eval.TeachInThreshold;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CvReportTest {
    private static final TeachInThreshold RULE = new TeachInThreshold(0.005, 1.0, 0.5, 0.999, 2);

    private static ScoredImage img(String station, int t, boolean defect, double score) {
        return new ScoredImage(String.format("01_2009%06d_%s_crop_2.jpg", t, station), station, defect, score);
    }

    private static FoldOutcome fold(int f, double threshold, List<ScoredImage> images) {
        return new FoldOutcome(f, images.stream().map(ScoredImage::group).distinct().toList(), List.of(), 10,
                threshold, 1, Map.of(), images);
    }

    @Test
    void poolsEachImageAtItsOwnFoldsThresholdAndNamesTheWorstLocationNotTheKgtSpindles() {
        List<ScoredImage> a = List.of(img("100_000", 1, false, 0.2), img("100_000", 2, false, 0.95),
                img("100_000", 3, true, 0.97), new ScoredImage("KGT9_crop_0.jpg", "KGT9", true, 0.1));
        List<ScoredImage> b = List.of(img("200_000", 1, false, 0.5), img("200_000", 2, true, 0.6),
                img("200_000", 3, true, 0.7));
        CvReport report = new CvReport(List.of(fold(0, 0.9, a), fold(1, 0.55, b)), 0, RULE);

        // fold 0 at 0.9: one good flagged (0.95), the KGT defect passed; fold 1 at 0.55: all right
        assertThat(report.falseRejects()).isEqualTo(1);
        assertThat(report.goodImages()).isEqualTo(3);
        assertThat(report.escapes()).isEqualTo(1);
        assertThat(report.defectImages()).isEqualTo(4);
        // the KGT group has the largest error share (1 of 1) but is not a station
        assertThat(report.worstStation().station()).isEqualTo("100_000");
        assertThat(report.text()).contains("worst station: 100_000 (fold 0)");
    }

    @Test
    void teachInLearnsFromTheFirstGoodImagesAndIsJudgedOnTheRestOfTheStation() {
        List<ScoredImage> station = new ArrayList<>();
        station.add(img("300_000", 1, false, 0.10));
        station.add(img("300_000", 2, false, 0.12));
        station.add(img("300_000", 3, false, 0.11)); // judged: passes both thresholds
        station.add(img("300_000", 4, true, 0.40)); // judged: passes both, the floor holds the taught threshold at 0.5
        CvReport report = new CvReport(List.of(fold(0, 0.9, station)), 2, RULE);

        assertThat(report.teachIn()).hasSize(1);
        CvReport.TeachInFigures t = report.teachIn().get(0);
        assertThat(t.taughtOn()).isEqualTo(2);
        assertThat(t.taughtThreshold()).isEqualTo(0.5); // 0.12 plus one logit is 0.27, held at the floor
        assertThat(t.goodImages()).isEqualTo(1);
        assertThat(t.defectImages()).isEqualTo(1);
        assertThat(t.escapesBefore()).isEqualTo(1);
        assertThat(t.escapesAfter()).isEqualTo(1);
        assertThat(t.falseRejectsAfter()).isZero();
    }

    @Test
    void theTeachInRuleSetsEachFoldsThresholdFromItsStoredCalibrationScores() {
        // calibration fold: good parts up to 0.2; 0.2 plus one logit is 0.405, held at teach-in's floor 0.5
        List<ScoredImage> calibration = List.of(img("900_000", 1, false, 0.05), img("900_000", 2, false, 0.2),
                img("900_000", 3, true, 0.99));
        List<ScoredImage> heldOut = List.of(img("100_000", 1, false, 0.3), img("100_000", 2, false, 0.45),
                img("100_000", 3, true, 0.6), img("100_000", 4, true, 0.4));
        FoldOutcome stored = new FoldOutcome(0, List.of("100_000"), List.of("900_000"), 10, 0.2000001, 1, Map.of(),
                heldOut, calibration);
        CvReport calibrated = new CvReport(List.of(stored), 0, RULE);

        CvReport teachIn = calibrated.withFoldThresholds(FoldThresholdRule.TEACH_IN);

        // at the stored 0.2: both good parts flagged, no escape; at 0.5: none flagged, the 0.4 pitting passes
        assertThat(calibrated.falseRejects()).isEqualTo(2);
        assertThat(calibrated.escapes()).isZero();
        assertThat(teachIn.perFold().get(0).threshold()).isEqualTo(0.5);
        assertThat(teachIn.falseRejects()).isZero();
        assertThat(teachIn.escapes()).isEqualTo(1);
        assertThat(teachIn.text()).startsWith("fold thresholds by the teach-in rule");
        assertThat(teachIn.json()).containsEntry("thresholdRule", "teach-in");
        assertThat(teachIn.withFoldThresholds(FoldThresholdRule.CALIBRATED).falseRejects())
                .as("the stored thresholds again").isEqualTo(2);
    }

    @Test
    void aFoldStoredWithoutCalibrationScoresCannotTakeAnotherRule() {
        CvReport old = new CvReport(List.of(fold(0, 0.9, List.of(img("100_000", 1, false, 0.2)))), 0, RULE);

        assertThatThrownBy(() -> old.withFoldThresholds(FoldThresholdRule.TEACH_IN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fold 0 keeps no calibration scores")
                .hasMessageContaining("delete its result.json");
        assertThatThrownBy(() -> FoldThresholdRule.parse("median")).hasMessageContaining("--threshold-rule")
                .hasMessageContaining("calibrated, teach-in");
    }
}

package io.tessera.model.cv;

import static org.assertj.core.api.Assertions.assertThat;

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
}

package io.tessera.model.cv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.model.TestData;
import io.tessera.model.data.Augmentation;
import io.tessera.model.data.DatasetIndex;
import io.tessera.model.data.LabeledImage;
import io.tessera.model.eval.TeachInThreshold;
import io.tessera.model.serving.Precision;
import io.tessera.model.train.TrainConfig;
import io.tessera.vision.Normalization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole cross-validation on a tiny data set: the repository's 16 sample photographs spread
 * over three stations (and their two KGT spindles), a ResNet18 at 64 px trained for two steps per
 * fold, exported, loaded through DJL and scored. The figures mean nothing; what is checked is that
 * every image is scored exactly once by a model that never trained on its station, and that a
 * rerun reuses the stored folds.
 */
class CrossValidationTest {
    private static final List<String> STATIONS = List.of("277500_315", "305000_090", "395000_270");

    private static Path tinyDataset(Path dir) throws Exception {
        List<LabeledImage> samples = DatasetIndex.scan(TestData.samples()).images();
        int ok = 0;
        int pitting = 0;
        for (LabeledImage image : samples) {
            String name;
            if (image.group().startsWith("KGT")) {
                name = image.fileName().replaceFirst("\\.jpg$", "");
            } else {
                int n = image.defect() ? pitting++ : ok++;
                // two per station and class; the surplus good images go to the first station
                String station = STATIONS.get(Math.min(n / 2, STATIONS.size() - 1));
                name = String.format("01_2009%02d%06d_%s_crop_2", image.defect() ? 20 : 10, n, station);
            }
            TestData.copyInto(dir, image, name);
        }
        return dir;
    }

    @Test
    void everyImageIsScoredOnceByAModelThatNeverSawItsStationAndARerunReusesTheFolds(@TempDir Path dir)
            throws Exception {
        Path data = tinyDataset(dir.resolve("data"));
        TrainConfig recipe = new TrainConfig(data, dir.resolve("cv"), 18, 128, 16, 64, 64, 4, 2, 1e-3f, 1, 0.05f, 0.5,
                7, Precision.FP32, 0, 2, Augmentation.station(), Normalization.imagenet());
        TeachInThreshold rule = new TeachInThreshold(0.005, 1.0, 0.5, 0.999, 1);
        CrossValidation cv = new CrossValidation(recipe, 3, 0.005, 1, rule, 0);
        List<String> lines = new ArrayList<>();

        CvReport report = cv.run(List.of(), lines::add);

        int images = DatasetIndex.scan(data).images().size();
        assertThat(report.goodImages() + report.defectImages()).isEqualTo(images);
        assertThat(report.perFold()).hasSize(3);
        Set<String> scored = new HashSet<>();
        for (int f = 0; f < 3; f++) {
            FoldOutcome outcome = FoldOutcome.read(dir.resolve("cv/fold-" + f)).orElseThrow();
            assertThat(outcome.threshold()).isGreaterThan(0).isLessThanOrEqualTo(1);
            assertThat(outcome.heldOutGroups()).doesNotContainAnyElementsOf(outcome.calibrationGroups());
            for (ScoredImage s : outcome.heldOut()) {
                assertThat(scored.add(s.file())).as("%s scored twice", s.file()).isTrue();
                assertThat(outcome.heldOutGroups()).contains(s.group());
                assertThat(s.score()).isBetween(0.0, 1.0);
            }
            assertThat(Files.isRegularFile(dir.resolve("cv/fold-" + f + "/model/saved_model.pb"))).isTrue();
            assertThat(outcome.calibration()).as("the scores the threshold was set on").isNotEmpty()
                    .allSatisfy(c -> assertThat(outcome.calibrationGroups()).contains(c.group()));
            double highestGood = outcome.calibration().stream().filter(c -> !c.defect())
                    .mapToDouble(ScoredImage::score).max().orElseThrow();
            assertThat(outcome.threshold()).as("above every calibration good image at a 0.5% target")
                    .isGreaterThan(highestGood);
        }
        assertThat(scored).hasSize(images);
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("fold 1/3: ").contains("step 2/2"));
        assertThat(report.text()).contains("pooled: false-reject rate").contains("worst station:")
                .contains("teach-in on the first 1 good images");
        assertThat(report.teachIn()).isNotEmpty();
        assertThat(report.json()).containsKeys("folds", "pooled", "stations", "worstStation", "teachIn");
        assertThat(report.cardSummary(cv.settings(), "test machine")).containsKeys("recipe", "machine", "pooled",
                "worstStation", "teachIn");

        List<String> rerun = new ArrayList<>();
        CvReport again = cv.run(List.of(), rerun::add);
        assertThat(rerun).filteredOn(l -> l.contains("done before")).hasSize(3);
        assertThat(rerun).noneMatch(l -> l.contains("step "));
        assertThat(again.falseRejects()).isEqualTo(report.falseRejects());
        assertThat(again.escapes()).isEqualTo(report.escapes());

        // test-time views: the trained folds are scored again, not trained again, into a result of their own
        List<String> viewed = new ArrayList<>();
        CvReport twoViews = new CrossValidation(recipe, 3, 0.005, 1, rule, 0, 2).run(List.of(), viewed::add);
        assertThat(viewed).filteredOn(l -> l.contains("resumed from") && l.contains("at step 2")).hasSize(3);
        assertThat(viewed).noneMatch(l -> l.contains("step 1/2") || l.contains("step 2/2"));
        assertThat(twoViews.goodImages() + twoViews.defectImages()).isEqualTo(images);
        for (int f = 0; f < 3; f++) {
            assertThat(dir.resolve("cv/fold-" + f + "/result-tta2.json")).isRegularFile();
            assertThat(FoldOutcome.read(dir.resolve("cv/fold-" + f)).orElseThrow().recipe()).doesNotContainKey("testTimeViews");
        }
    }

    @Test
    void aStoppedFoldKeepsItsCheckpointAndARerunFinishesIt(@TempDir Path dir) throws Exception {
        Path data = tinyDataset(dir.resolve("data"));
        TrainConfig recipe = new TrainConfig(data, dir.resolve("cv"), 18, 128, 16, 64, 64, 4, 2, 1e-3f, 1, 0.05f, 0.5,
                7, Precision.FP32, 0, 2, Augmentation.standard(), Normalization.imagenet());
        CrossValidation cv = new CrossValidation(recipe, 3, 0.005, 1, new TeachInThreshold(0.005, 1.0, 0.5, 0.999, 1),
                0);
        AtomicBoolean stop = new AtomicBoolean();

        assertThatThrownBy(() -> cv.run(List.of(0), stopAt("training ResNet18", stop), stop::get))
                .isInstanceOf(CancellationException.class)
                .hasMessage("fold 0/3: training stopped on request at step 1 (checkpointed) of 2; the same command"
                        + " resumes from there");
        assertThat(dir.resolve("cv/fold-0/run/checkpoints/step-1.index")).isRegularFile();

        stop.set(false);
        assertThatThrownBy(() -> cv.run(List.of(0), stopAt("scoring the calibration fold", stop), stop::get))
                .isInstanceOf(CancellationException.class)
                .hasMessageStartingWith("fold 0/3: scoring stopped on request after 0 of ");
        assertThat(FoldOutcome.read(dir.resolve("cv/fold-0"))).as("no figures from part of a fold").isEmpty();

        stop.set(false);
        List<String> lines = new ArrayList<>();
        CvReport report = cv.run(List.of(0), lines::add, stop::get);
        assertThat(report.perFold()).hasSize(1);
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("resumed from checkpoints/step-2 at step 2"));
        assertThat(FoldOutcome.read(dir.resolve("cv/fold-0"))).isPresent();
    }

    /** Passes lines on to nothing, and requests the stop when one starts with {@code prefix} (after the fold's). */
    private static Consumer<String> stopAt(String prefix, AtomicBoolean stop) {
        return line -> {
            if (line.replaceFirst("^fold \\d+/\\d+: ", "").startsWith(prefix)) {
                stop.set(true);
            }
        };
    }
}

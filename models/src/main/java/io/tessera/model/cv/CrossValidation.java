package io.tessera.model.cv;

import io.tessera.model.ModelCard;
import io.tessera.model.TileClassifier;
import io.tessera.model.data.CrossValidationFolds;
import io.tessera.model.data.DatasetIndex;
import io.tessera.model.data.LabeledImage;
import io.tessera.model.eval.ImageScore;
import io.tessera.model.eval.ImageScorer;
import io.tessera.model.eval.TeachInThreshold;
import io.tessera.model.eval.ThresholdCalibrator;
import io.tessera.model.export.ModelCards;
import io.tessera.model.export.SavedModelExporter;
import io.tessera.model.export.WeightStorage;
import io.tessera.model.resnet.ResNetArchitecture;
import io.tessera.model.serving.Precision;
import io.tessera.model.serving.ServingModels;
import io.tessera.model.train.TrainConfig;
import io.tessera.model.train.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * k-fold cross-validation by station: for each fold, train a model with the recipe on the
 * training folds, set its threshold on the calibration fold, score the held-out fold. Work goes
 * to {@code <out>/fold-<f>/}: the training run (checkpointed, resumable), the exported model and
 * {@code result.json}; a rerun skips finished folds and resumes the one it was in. Scored with
 * test-time views the result is {@code result-tta<views>.json} beside it: a finished fold's run
 * resumes at its last step, so the same {@code --out} scores it again without training again.
 *
 * @param recipe        the training recipe; its data folder holds the images, its run folder is {@code <out>}
 * @param targetFalseRejectRate the calibration target on each calibration fold
 * @param teachInImages good images per held-out station for the teach-in figures (0: none)
 * @param scoringThreads TensorFlow intra-op threads when scoring (0: all cores)
 * @param scoringViews  symmetric views of each tile averaged when scoring, 1 for none (see {@link ImageScorer})
 */
public record CrossValidation(TrainConfig recipe, int folds, double targetFalseRejectRate, int teachInImages,
        TeachInThreshold teachIn, int scoringThreads, int scoringViews) {

    public CrossValidation(TrainConfig recipe, int folds, double targetFalseRejectRate, int teachInImages,
            TeachInThreshold teachIn, int scoringThreads) {
        this(recipe, folds, targetFalseRejectRate, teachInImages, teachIn, scoringThreads, 1);
    }

    /** Batch sizes the fold models score at (a lone tile, ImageScorer's chunk). */
    private static final List<Integer> SCORING_BATCHES = List.of(1, 32);

    public CvReport run(List<Integer> onlyFolds, Consumer<String> progress) throws IOException {
        return run(onlyFolds, progress, () -> false);
    }

    /**
     * Runs the folds, polling {@code stopRequested} between training steps and scored images.
     *
     * @throws CancellationException once a stop is requested: the fold in progress keeps its last
     *                               checkpoint (saved on the stop), and a rerun resumes from it
     */
    public CvReport run(List<Integer> onlyFolds, Consumer<String> progress, BooleanSupplier stopRequested)
            throws IOException {
        CrossValidationFolds split = CrossValidationFolds.of(DatasetIndex.scan(recipe.data()).images(), folds);
        Path out = recipe.runDir();
        List<FoldOutcome> outcomes = new ArrayList<>();
        for (int f = 0; f < folds; f++) {
            if (!onlyFolds.isEmpty() && !onlyFolds.contains(f)) {
                continue;
            }
            int fold = f;
            Consumer<String> foldProgress = line -> progress.accept("fold " + fold + "/" + folds + ": " + line);
            try {
                outcomes.add(runFold(split, f, out.resolve("fold-" + f), foldProgress, stopRequested));
            } catch (CancellationException e) {
                throw new CancellationException("fold " + f + "/" + folds + ": " + e.getMessage());
            }
        }
        return new CvReport(outcomes, teachInImages, teachIn);
    }

    private static List<ScoredImage> scored(List<ImageScore> scores) {
        return scores.stream().map(s -> new ScoredImage(s.image().fileName(), s.image().group(), s.defect(), s.score()))
                .toList();
    }

    /** The settings a stored fold must share to be reused. */
    public Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>(Trainer.settings(recipe));
        s.put("data", recipe.data().toAbsolutePath().normalize().toString());
        s.put("folds", String.valueOf(folds));
        s.put("targetFalseRejectRate", String.valueOf(targetFalseRejectRate));
        if (scoringViews != 1) { // absent at 1, so that folds stored before the option still match
            s.put("testTimeViews", String.valueOf(scoringViews));
        }
        return s;
    }

    private FoldOutcome runFold(CrossValidationFolds split, int f, Path dir, Consumer<String> progress,
            BooleanSupplier stopRequested) throws IOException {
        Map<String, Object> settings = settings();
        String resultFile = FoldOutcome.fileName(scoringViews);
        Optional<FoldOutcome> stored = FoldOutcome.read(dir, resultFile);
        if (stored.isPresent()) {
            if (stored.get().recipe().equals(settings)) {
                progress.accept("done before (" + dir.resolve(resultFile) + "), reused");
                return stored.get();
            }
            throw new IllegalArgumentException(dir + " holds a fold of another recipe " + stored.get().recipe()
                    + "; use a new --out folder");
        }
        List<LabeledImage> training = split.training(f);
        progress.accept(String.format("held out %s; calibrated on %s; training on %d images",
                split.groups(f), split.groups(split.calibrationFold(f)), training.size()));
        TrainConfig config = recipe.withRunDir(dir.resolve("run"));
        Trainer.Result trained = new Trainer(config, progress, stopRequested).run(Long.MAX_VALUE, training,
                "cross-validation fold " + f + " of " + folds);
        Path modelDir = dir.resolve("model");
        // The card is written last: with it the export is complete (a fold scored again with other views).
        if (!Files.isRegularFile(modelDir.resolve(ModelCard.FILE_NAME))) {
            SavedModelExporter.export(modelDir, ResNetArchitecture.of(recipe.depth()), trained.values(), WeightStorage.FP16);
            ModelCard card = ModelCards.fromTraining("cv-fold-" + f, config, trained, WeightStorage.FP16);
            card.write(modelDir);
        }

        List<ImageScore> calibration;
        List<ImageScore> heldOut;
        try (TileClassifier classifier = ServingModels.load(modelDir, ServingModels.Request.auto(SCORING_BATCHES)
                .withPrecision(Precision.FP32, false).withThreads(scoringThreads, 0).withSetting("--precision"))) {
            ImageScorer scorer = new ImageScorer(classifier, scoringViews);
            progress.accept("scoring the calibration fold");
            calibration = scorer.scoreAll(split.calibration(f), progress, stopRequested);
            progress.accept("scoring the held-out fold");
            heldOut = scorer.scoreAll(split.heldOut(f), progress, stopRequested);
        }
        double threshold = ThresholdCalibrator.calibrate(calibration, targetFalseRejectRate);
        FoldOutcome outcome = new FoldOutcome(f, split.groups(f), split.groups(split.calibrationFold(f)),
                training.size(), threshold, trained.elapsedSeconds(), settings, scored(heldOut), scored(calibration));
        outcome.write(dir, resultFile);
        progress.accept(String.format("threshold %.4f; held-out figures stored in %s", threshold,
                dir.resolve(resultFile)));
        return outcome;
    }
}

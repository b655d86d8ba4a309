package io.tessera.model.cli;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tessera.model.ModelCard;
import io.tessera.model.cv.CrossValidation;
import io.tessera.model.cv.CvReport;
import io.tessera.model.cv.FoldThresholdRule;
import io.tessera.model.eval.TeachInThreshold;
import io.tessera.model.export.ModelCards;
import io.tessera.model.serving.Precision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tessera model cv}: cross-validation by station, the figure a recipe is judged by. */
@Command(name = "cv", mixinStandardHelpOptions = true,
        description = {"Cross-validates a training recipe by station: the dataset's groups (BSData locations, KGT"
            + " spindles) are dealt into --folds folds; for each fold a model is trained on the other folds but one,"
            + " its threshold set on that one (--target-frr), and it is scored on the held-out fold, whose stations it"
            + " never saw. Prints per fold and pooled false-reject and escape rates, ROC AUC, every station's figures"
            + " and the worst station, and what teach-in on the first --teach-in-images good images of each held-out"
            + " station changes on the rest of it.",
            "Runs are long (each fold trains a model): progress is printed; Ctrl-C stops after the step in progress"
            + " with a checkpoint of it, and rerunning with the same --out resumes the fold it was in and skips"
            + " finished ones. The default --steps is a short schedule for"
            + " comparing recipes, not for shipping."})
public final class CvCommand implements Callable<Integer> {
    @Option(names = "--out", defaultValue = "models/runs/cv", description = "Folder for each fold's run, model and"
            + " held-out scores, git-ignored (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--folds", defaultValue = "5", description = "Number of folds, at least 3 (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--only-fold", split = ",", description = "Run only these folds (e.g. 0,1); the report covers them alone.")
    List<Integer> onlyFolds = new ArrayList<>();

    @Option(names = "--steps", defaultValue = "400", description = "Optimiser steps per fold (default: ${DEFAULT-VALUE},"
            + " a short schedule for comparing recipes).")
    long steps;

    @Option(names = "--precision", defaultValue = "fp32", description = "Training precision: fp32 or bf16 (bf16 only"
            + " where the CPU has AMX; scoring is always fp32) (default: ${DEFAULT-VALUE}).")
    String precision;

    @Option(names = "--target-frr", defaultValue = "0.005", description = "False-reject target of each fold's"
            + " calibration (default: ${DEFAULT-VALUE} = 0.5%%).")
    double targetFrr;

    @Option(names = "--threshold-rule", defaultValue = "calibrated", description = "Each fold's threshold when"
            + " pooling: calibrated (the lowest that flags at most --target-frr of the calibration fold's good images,"
            + " as `model calibrate` sets a model's) or teach-in (teach-in's rule on those images: a logit above the"
            + " highest, within [0.5, 0.999]). Applied to the scores stored with each fold, so finished folds are"
            + " pooled again without training or scoring (default: ${DEFAULT-VALUE}).")
    String thresholdRule;

    @Option(names = "--teach-in-images", defaultValue = "20", description = "Good images per held-out station for"
            + " the teach-in figures, 0 for none (default: ${DEFAULT-VALUE}).")
    int teachInImages;

    @Option(names = "--tta-views", defaultValue = "1", description = "Test-time augmentation when scoring: 1 (none), 2"
            + " (and the mirror image), 4 (and the vertical flip and half turn) or 8 (every flip and quarter turn);"
            + " a tile's probability is the mean over its views, at that many model calls per tile. Results go to"
            + " fold-<f>/result-tta<N>.json, so with the --out of a finished cross-validation its trained folds are"
            + " scored again without training again (default: ${DEFAULT-VALUE}).")
    int ttaViews;

    @Option(names = "--json", description = "Also write the report as JSON to this file.")
    Path json;

    @Option(names = "--card", description = "Also store the pooled figures in this model folder's model-card.json"
            + " (details.crossValidation), for a model trained with this recipe.")
    Path card;

    @Mixin
    RecipeOptions recipe;

    @Override
    public Integer call() throws Exception {
        if (folds < 3) {
            throw new IllegalArgumentException("--folds must be at least 3, got " + folds);
        }
        for (int f : onlyFolds) {
            if (f < 0 || f >= folds) {
                throw new IllegalArgumentException("--only-fold " + f + " is not a fold of --folds " + folds);
            }
        }
        FoldThresholdRule rule = FoldThresholdRule.parse(thresholdRule);
        CrossValidation cv = new CrossValidation(recipe.config(out, steps, Precision.parse(precision)), folds,
                targetFrr, teachInImages, TeachInThreshold.DEFAULT, recipe.threads, ttaViews);
        CvReport report;
        try (StopOnInterrupt stop = StopOnInterrupt.install()) {
            try {
                report = cv.run(onlyFolds, System.out::println, stop).withFoldThresholds(rule);
            } catch (CancellationException e) { // printed before close() lets the JVM's shutdown go on
                System.out.println(e.getMessage());
                return StopOnInterrupt.EXIT_CODE;
            }
        }
        System.out.println();
        System.out.print(report.text());
        if (json != null) {
            if (json.toAbsolutePath().getParent() != null) {
                Files.createDirectories(json.toAbsolutePath().getParent());
            }
            JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValue(json.toFile(), report.json());
            System.out.println("report written to " + json);
        }
        if (card != null) {
            ModelCard existing = ModelCard.read(card);
            Map<String, Object> details = new LinkedHashMap<>(existing.details());
            Map<String, Object> recipeSummary = new LinkedHashMap<>(cv.settings());
            // the folder's name, not this machine's path to it
            recipeSummary.put("data", String.valueOf(recipe.data.toAbsolutePath().normalize().getFileName()));
            recipeSummary.put("schedule", steps + " steps per fold, warm-up " + recipe.warmup + " (compare with the"
                    + " card's training.steps: a short schedule ranks recipes, a shipped model trains longer)");
            details.put("crossValidation", report.cardSummary(recipeSummary, ModelCards.hardware()));
            existing.withDetails(details).write(card);
            System.out.println("cross-validated figures stored in " + card.resolve(ModelCard.FILE_NAME));
        }
        return 0;
    }
}

package io.tessera.model.cli;

import io.tessera.model.ModelCard;
import io.tessera.model.export.ModelCards;
import io.tessera.model.export.SavedModelExporter;
import io.tessera.model.export.WeightStorage;
import io.tessera.model.resnet.ResNetArchitecture;
import io.tessera.model.serving.Precision;
import io.tessera.model.train.TrainConfig;
import io.tessera.model.train.Trainer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tessera model train}: trains, checkpoints, resumes, and exports a SavedModel with its card. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Trains a ResNet defect classifier on tiles of the TRAIN groups of a dataset (group split, see"
            + " the model card), then exports it as a SavedModel with model-card.json. Ctrl-C stops after the step in"
            + " progress with a checkpoint of it; re-running with the same --run folder resumes from the last"
            + " checkpoint.")
public final class TrainCommand implements Callable<Integer> {
    @Option(names = "--run", defaultValue = "models/runs/pitting-resnet34", description = "Run folder for checkpoints and state, git-ignored (default: ${DEFAULT-VALUE}).")
    Path run;

    @Option(names = "--out", description = "Where to export the trained model (default: <run>/model).")
    Path out;

    @Option(names = "--name", defaultValue = "pitting-resnet34", description = "Model name in the card (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--steps", defaultValue = "3600", description = "Optimiser steps in the whole run; may change when resuming, the learning-rate schedule then ends at the new count (default: ${DEFAULT-VALUE}).")
    long steps;

    @Option(names = "--stop-after", description = "Stop (checkpointed, resumable) after this step, before --steps.")
    Long stopAfter;

    @Option(names = "--precision", defaultValue = "bf16", description = "fp32 or bf16 (oneDNN rewrite; AMX CPUs train about 3x faster) (default: ${DEFAULT-VALUE}).")
    String precision;

    @Option(names = "--storage", defaultValue = "fp16", description = "Exported weight storage: fp16 (half size, cast to fp32 in the graph) or fp32 (default: ${DEFAULT-VALUE}).")
    String storage;

    @Mixin
    RecipeOptions recipe;

    @Override
    public Integer call() throws Exception {
        TrainConfig config = recipe.config(run, steps, Precision.parse(precision));
        Trainer.Result result;
        try (StopOnInterrupt stop = StopOnInterrupt.install()) {
            try {
                result = new Trainer(config, System.out::println, stop).run(stopAfter == null ? steps : stopAfter);
            } catch (CancellationException e) { // printed before close() lets the JVM's shutdown go on
                System.out.println(e.getMessage() + "; or `model export --run " + run + "` exports its checkpoint");
                return StopOnInterrupt.EXIT_CODE;
            }
        }
        if (result.steps() < steps) {
            System.out.println("stopped at step " + result.steps() + " of " + steps + "; run again to resume, or"
                    + " `model export --run " + run + "` to export this checkpoint");
            return 0;
        }
        Path target = out == null ? run.resolve("model") : out;
        WeightStorage weights = WeightStorage.parse(storage);
        SavedModelExporter.export(target, ResNetArchitecture.of(config.depth()), result.values(), weights);
        ModelCard card = ModelCards.fromTraining(name, config, result, weights);
        card.write(target);
        System.out.println("exported " + target + " (" + weights.name().toLowerCase() + " weights); next: `model"
                + " calibrate --model " + target + " --data " + recipe.data + "`");
        return 0;
    }
}

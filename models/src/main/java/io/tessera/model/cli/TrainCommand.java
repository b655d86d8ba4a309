package io.tessera.model.cli;

import io.tessera.model.ModelCard;
import io.tessera.model.data.Augmentation;
import io.tessera.model.export.ModelCards;
import io.tessera.model.export.SavedModelExporter;
import io.tessera.model.export.WeightStorage;
import io.tessera.model.resnet.ResNetArchitecture;
import io.tessera.model.serving.Precision;
import io.tessera.model.train.TrainConfig;
import io.tessera.model.train.Trainer;
import io.tessera.vision.Normalization;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tessera model train}: trains, checkpoints, resumes, and exports a SavedModel with its card. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Trains a ResNet defect classifier on tiles of the TRAIN groups of a dataset (group split, see"
            + " the model card), then exports it as a SavedModel with model-card.json. Re-running with the same --run"
            + " folder resumes from its last checkpoint.")
public final class TrainCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, description = "Dataset folder: <class>/<image>.jpg (or dev/<class>/...) with masks/<class>/<image>.png, e.g. ../shared/datasets/bsdata.")
    Path data;

    @Option(names = "--run", defaultValue = "models/runs/pitting-resnet34", description = "Run folder for checkpoints and state, git-ignored (default: ${DEFAULT-VALUE}).")
    Path run;

    @Option(names = "--out", description = "Where to export the trained model (default: <run>/model).")
    Path out;

    @Option(names = "--name", defaultValue = "pitting-resnet34", description = "Model name in the card (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--depth", defaultValue = "34", description = "ResNet depth: 18, 34, 50, 101 or 152 (default: ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--tile-size", defaultValue = "256", description = "Tile side in frame pixels (default: ${DEFAULT-VALUE}).")
    int tileSize;

    @Option(names = "--tile-overlap", defaultValue = "32", description = "Overlap of neighbouring tiles when serving, in frame pixels (default: ${DEFAULT-VALUE}).")
    int tileOverlap;

    @Option(names = "--input-size", defaultValue = "128", description = "Model input side; tiles are resized to it (default: ${DEFAULT-VALUE}).")
    int inputSize;

    @Option(names = "--min-defect-pixels", defaultValue = "64", description = "A tile is a defect when its mask holds at least this many defect pixels (default: ${DEFAULT-VALUE}).")
    int minDefectPixels;

    @Option(names = "--batch", defaultValue = "32", description = "Tiles per step (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--steps", defaultValue = "3600", description = "Optimiser steps in the whole run; may change when resuming, the learning-rate schedule then ends at the new count (default: ${DEFAULT-VALUE}).")
    long steps;

    @Option(names = "--stop-after", description = "Stop (checkpointed, resumable) after this step, before --steps.")
    Long stopAfter;

    @Option(names = "--lr", defaultValue = "0.001", description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
    float lr;

    @Option(names = "--warmup", defaultValue = "150", description = "Learning-rate warm-up steps (default: ${DEFAULT-VALUE}).")
    long warmup;

    @Option(names = "--weight-decay", defaultValue = "0.05", description = "Decoupled (AdamW) weight decay (default: ${DEFAULT-VALUE}).")
    float weightDecay;

    @Option(names = "--defect-fraction", defaultValue = "0.5", description = "Share of defect tiles per batch (default: ${DEFAULT-VALUE}).")
    double defectFraction;

    @Option(names = "--seed", defaultValue = "20260301", description = "Seed of initial weights and batches (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--precision", defaultValue = "bf16", description = "fp32 or bf16 (oneDNN rewrite; AMX CPUs train about 3x faster) (default: ${DEFAULT-VALUE}).")
    String precision;

    @Option(names = "--threads", defaultValue = "0", description = "TensorFlow intra-op threads, 0 = all cores (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--checkpoint-every", defaultValue = "250", description = "Steps between checkpoints (default: ${DEFAULT-VALUE}).")
    int checkpointEvery;

    @Option(names = "--no-augment", description = "Train without flips, rotations, crops jitter and photometric jitter.")
    boolean noAugment;

    @Option(names = "--storage", defaultValue = "fp16", description = "Exported weight storage: fp16 (half size, cast to fp32 in the graph) or fp32 (default: ${DEFAULT-VALUE}).")
    String storage;

    @Override
    public Integer call() throws Exception {
        TrainConfig config = new TrainConfig(data, run, depth, tileSize, tileOverlap, inputSize, minDefectPixels, batch,
                steps, lr, warmup, weightDecay, defectFraction, seed, Precision.parse(precision), threads,
                checkpointEvery, noAugment ? Augmentation.none() : Augmentation.standard(), Normalization.imagenet());
        Trainer.Result result = new Trainer(config, System.out::println).run(stopAfter == null ? steps : stopAfter);
        if (result.steps() < steps) {
            System.out.println("stopped at step " + result.steps() + " of " + steps + "; run again to resume, or"
                    + " `model export --run " + run + "` to export this checkpoint");
            return 0;
        }
        Path target = out == null ? run.resolve("model") : out;
        WeightStorage weights = WeightStorage.parse(storage);
        SavedModelExporter.export(target, ResNetArchitecture.of(depth), result.values(), weights);
        ModelCard card = ModelCards.fromTraining(name, config, result, weights);
        card.write(target);
        System.out.println("exported " + target + " (" + weights.name().toLowerCase() + " weights); next: `model"
                + " calibrate --model " + target + " --data " + data + "`");
        return 0;
    }
}

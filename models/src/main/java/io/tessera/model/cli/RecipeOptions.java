package io.tessera.model.cli;

import io.tessera.model.data.Augmentation;
import io.tessera.model.data.HardNegativeMining;
import io.tessera.model.serving.Precision;
import io.tessera.model.train.TrainConfig;
import io.tessera.vision.Normalization;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The training recipe, shared by {@code model train} and {@code model cv} so that both train alike. */
public final class RecipeOptions {
    @Option(names = "--data", required = true, description = "Dataset folder: <class>/<image>.jpg (or dev/<class>/...) with masks/<class>/<image>.png, e.g. ../shared/datasets/bsdata.")
    Path data;

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

    @Option(names = "--lr", defaultValue = "0.001", description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
    float lr;

    @Option(names = "--warmup", defaultValue = "150", description = "Learning-rate warm-up steps (default: ${DEFAULT-VALUE}).")
    long warmup;

    @Option(names = "--weight-decay", defaultValue = "0.05", description = "Decoupled (AdamW) weight decay (default: ${DEFAULT-VALUE}).")
    float weightDecay;

    @Option(names = "--defect-fraction", defaultValue = "0.5", description = "Share of defect tiles per batch (default: ${DEFAULT-VALUE}).")
    double defectFraction;

    @Option(names = "--hard-negatives", defaultValue = "0", description = "Share of good tiles drawn again from the"
            + " good crops the model scored highest in recent steps (hard-negative mining, no extra model calls),"
            + " 0 for none (default: ${DEFAULT-VALUE}).")
    double hardNegatives;

    @Option(names = "--hard-negatives-from", defaultValue = "any", description = "Which good crops hard-negative"
            + " mining may draw again: any (good images and the unmasked surface of defect images) or good-images"
            + " (good images only) (default: ${DEFAULT-VALUE}).")
    String hardNegativesFrom;

    @Option(names = "--seed", defaultValue = "20260301", description = "Seed of initial weights and batches (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", defaultValue = "0", description = "TensorFlow intra-op threads, 0 = all cores (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--checkpoint-every", defaultValue = "250", description = "Steps between checkpoints (default: ${DEFAULT-VALUE}).")
    int checkpointEvery;

    @Option(names = "--augment", defaultValue = "standard", description = "Augmentation preset: standard (flips,"
            + " rotations, scale, contrast and brightness jitter), station (standard plus gamma, white balance, blur and"
            + " noise, for stations that differ in light and lens) or none (default: ${DEFAULT-VALUE}).")
    String augment;

    @Option(names = "--no-augment", description = "Same as --augment none.")
    boolean noAugment;

    @Option(names = "--normalization", defaultValue = "dataset", description = "Input normalisation: dataset (the"
            + " fixed ImageNet mean and std) or tile (each tile's channels by their own mean and std, which takes a"
            + " station's gain and offset out, but cross-validated worse than dataset: models/README.md); stored in"
            + " the model card, so serving does the same (default: ${DEFAULT-VALUE}).")
    String normalization;

    TrainConfig config(Path runDir, long steps, Precision precision) {
        return new TrainConfig(data, runDir, depth, tileSize, tileOverlap, inputSize, minDefectPixels, batch, steps, lr,
                warmup, weightDecay, defectFraction, seed, precision, threads, checkpointEvery,
                noAugment ? Augmentation.none() : Augmentation.preset(augment), normalization(),
                new HardNegativeMining(hardNegatives, HardNegativeMining.Source.parse(hardNegativesFrom)));
    }

    Normalization normalization() {
        return switch (Normalization.Scope.parse(normalization)) {
            case DATASET -> Normalization.imagenet();
            case TILE -> Normalization.perTile();
        };
    }
}

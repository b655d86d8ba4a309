package io.tessera.model.train;

import io.tessera.model.data.Augmentation;
import io.tessera.model.data.HardNegativeMining;
import io.tessera.model.serving.Precision;
import io.tessera.vision.Normalization;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything a training run needs. A resumed run must use the same values (the run folder
 * stores them and refuses a mismatch).
 *
 * @param defectFraction share of defect tiles in each batch (class balancing)
 * @param warmupSteps    linear learning-rate warm-up before the cosine decay
 * @param hardNegatives  hard-negative mining: the share of good tiles drawn again from those the
 *                       model scored highest, and which images they may come from
 */
public record TrainConfig(Path data, Path runDir, int depth, int tileSize, int tileOverlap, int inputSize,
        int minDefectPixels, int batchSize, long steps, float learningRate, long warmupSteps, float weightDecay,
        double defectFraction, long seed, Precision precision, int threads, int checkpointEvery,
        Augmentation augmentation, Normalization normalization, HardNegativeMining hardNegatives) {

    /** A recipe without hard-negative mining. */
    public TrainConfig(Path data, Path runDir, int depth, int tileSize, int tileOverlap, int inputSize,
            int minDefectPixels, int batchSize, long steps, float learningRate, long warmupSteps, float weightDecay,
            double defectFraction, long seed, Precision precision, int threads, int checkpointEvery,
            Augmentation augmentation, Normalization normalization) {
        this(data, runDir, depth, tileSize, tileOverlap, inputSize, minDefectPixels, batchSize, steps, learningRate,
                warmupSteps, weightDecay, defectFraction, seed, precision, threads, checkpointEvery, augmentation,
                normalization, HardNegativeMining.none());
    }

    public TrainConfig {
        if (batchSize < 2) {
            throw new IllegalArgumentException("batch size must be >= 2, got " + batchSize);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("checkpoint-every must be >= 1, got " + checkpointEvery);
        }
        Objects.requireNonNull(hardNegatives, "hardNegatives");
    }

    /** The same recipe in another run folder (one per cross-validation fold). */
    public TrainConfig withRunDir(Path dir) {
        return new TrainConfig(data, dir, depth, tileSize, tileOverlap, inputSize, minDefectPixels, batchSize, steps,
                learningRate, warmupSteps, weightDecay, defectFraction, seed, precision, threads, checkpointEvery,
                augmentation, normalization, hardNegatives);
    }
}

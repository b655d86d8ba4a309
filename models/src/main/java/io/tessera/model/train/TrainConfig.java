package io.tessera.model.train;

import io.tessera.model.data.Augmentation;
import io.tessera.model.serving.Precision;
import io.tessera.vision.Normalization;
import java.nio.file.Path;

/**
 * Everything a training run needs. A resumed run must use the same values (the run folder
 * stores them and refuses a mismatch).
 *
 * @param defectFraction share of defect tiles in each batch (class balancing)
 * @param warmupSteps    linear learning-rate warm-up before the cosine decay
 * @param hardNegativeShare share of good tiles drawn again from those the model scored highest
 *                       ({@link io.tessera.model.data.HardNegatives}); 0 for none
 */
public record TrainConfig(Path data, Path runDir, int depth, int tileSize, int tileOverlap, int inputSize,
        int minDefectPixels, int batchSize, long steps, float learningRate, long warmupSteps, float weightDecay,
        double defectFraction, long seed, Precision precision, int threads, int checkpointEvery,
        Augmentation augmentation, Normalization normalization, double hardNegativeShare) {

    /** A recipe without hard-negative mining. */
    public TrainConfig(Path data, Path runDir, int depth, int tileSize, int tileOverlap, int inputSize,
            int minDefectPixels, int batchSize, long steps, float learningRate, long warmupSteps, float weightDecay,
            double defectFraction, long seed, Precision precision, int threads, int checkpointEvery,
            Augmentation augmentation, Normalization normalization) {
        this(data, runDir, depth, tileSize, tileOverlap, inputSize, minDefectPixels, batchSize, steps, learningRate,
                warmupSteps, weightDecay, defectFraction, seed, precision, threads, checkpointEvery, augmentation,
                normalization, 0);
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
        if (!(hardNegativeShare >= 0 && hardNegativeShare < 1)) {
            throw new IllegalArgumentException("hard-negatives must be within [0, 1), got " + hardNegativeShare);
        }
    }

    /** The same recipe in another run folder (one per cross-validation fold). */
    public TrainConfig withRunDir(Path dir) {
        return new TrainConfig(data, dir, depth, tileSize, tileOverlap, inputSize, minDefectPixels, batchSize, steps,
                learningRate, warmupSteps, weightDecay, defectFraction, seed, precision, threads, checkpointEvery,
                augmentation, normalization, hardNegativeShare);
    }
}

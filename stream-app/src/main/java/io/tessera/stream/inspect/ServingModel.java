package io.tessera.stream.inspect;

import io.tessera.model.ModelCard;
import io.tessera.model.TileClassifier;
import io.tessera.protocol.ModelRef;
import io.tessera.protocol.ThresholdSource;
import io.tessera.vision.TilingSpec;

/**
 * One model as the inspection app serves it: the loaded classifier with everything a frame needs to
 * be cut for it and decided by it (its tiling, decoder, threshold and the reference verdicts carry).
 * A frame is tiled, scored and decided by one ServingModel from start to end, so a deploy never
 * mixes two models in one verdict.
 *
 * @param generation counts the models this app served since it started, from 1
 * @param checksum   the model folder's checksum, or null when not known (a model from model.path)
 */
public record ServingModel(long generation, TileClassifier classifier, ModelCard card, TilingSpec tiling, double threshold,
                           String checksum, FrameTiler tiler, FrameDecoder decoder, VerdictFactory verdicts) {

    /**
     * @param tiling        the card's tiling with the app's tiling.* settings applied
     * @param threshold     the threshold frames are decided at
     * @param checksum      the deployed folder's checksum; null for a model from model.path
     * @param reducedDecode inspection.decode-reduced
     */
    public static ServingModel of(long generation, TileClassifier classifier, TilingSpec tiling, double threshold, String checksum,
                                  boolean reducedDecode) {
        return of(generation, classifier, tiling, threshold, ThresholdSource.MODEL, checksum, reducedDecode);
    }

    /**
     * @param thresholdSource {@link ThresholdSource#OVERRIDE} when {@code threshold} is the model.threshold setting, which
     *                        no camera's teach-in replaces; {@link ThresholdSource#MODEL} for the card's or the deployment's
     */
    public static ServingModel of(long generation, TileClassifier classifier, TilingSpec tiling, double threshold,
                                  ThresholdSource thresholdSource, String checksum, boolean reducedDecode) {
        ModelCard card = classifier.card();
        return new ServingModel(generation, classifier, card, tiling, threshold, checksum,
                new FrameTiler(tiling, card.normalization()),
                reducedDecode ? FrameDecoder.reducedFor(tiling) : FrameDecoder.fullSize(),
                new VerdictFactory(new ModelRef(card.name(), card.version()), threshold, thresholdSource));
    }

    public String version() {
        return card.version();
    }

    public int inputSize() {
        return tiling.inputSize();
    }

    @Override
    public String toString() {
        return card.name() + " " + card.version() + " (generation " + generation + ", threshold " + threshold + ", tiling " + tiling
                + ")";
    }
}

package io.tessera.model;

/**
 * The defect classifier as the pipeline sees it: a batch of tiles in, one defect probability
 * per tile out. Implementations are thread-safe (one predictor per calling thread) and release
 * native resources on {@link #close()}.
 */
public interface TileClassifier extends AutoCloseable {

    /** The card of the loaded model: name, version, threshold, tiling, normalisation. */
    ModelCard card();

    /** Defect probability of each tile, in batch order, each within [0, 1]. */
    float[] classify(TileBatch batch);

    /** The precision this classifier serves at and why (chosen by the precision self-check where it ran). */
    default ServingPrecision servingPrecision() {
        return ServingPrecision.unreported();
    }

    @Override
    void close();
}

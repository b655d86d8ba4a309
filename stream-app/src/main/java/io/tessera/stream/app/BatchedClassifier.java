package io.tessera.stream.app;

import io.tessera.model.ModelCard;
import io.tessera.model.ServingPrecision;
import io.tessera.model.TileBatch;
import io.tessera.model.TileClassifier;
import io.tessera.stream.batch.DynamicBatcher;
import io.tessera.stream.batch.Unclassified;

/**
 * The served model seen as a classifier whose calls go through the batcher, so they run on the
 * serving thread like the app's own: for measuring the model in place (the demo sizes its
 * cameras this way). Closing it does nothing; the service owns the model.
 */
final class BatchedClassifier implements TileClassifier {
    private final DynamicBatcher batcher;
    private final TileClassifier served;

    BatchedClassifier(DynamicBatcher batcher, TileClassifier served) {
        this.batcher = batcher;
        this.served = served;
    }

    @Override
    public ModelCard card() {
        return served.card();
    }

    @Override
    public float[] classify(TileBatch batch) {
        try {
            return batcher.classify(served, batch.size(), batch.pixels(), batch.count(), null).probabilities();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the model ran", e);
        } catch (Unclassified e) {
            throw new IllegalStateException("the model did not score the batch: " + e.getMessage(), e);
        }
    }

    @Override
    public ServingPrecision servingPrecision() {
        return served.servingPrecision();
    }

    @Override
    public void close() {
        // the service closes the model
    }
}

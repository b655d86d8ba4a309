package io.tessera.stream.it;

import io.tessera.model.ModelCard;
import io.tessera.model.ServingPrecision;
import io.tessera.model.TileBatch;
import io.tessera.model.TileClassifier;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The real model with one fault injected: the first call's first score becomes NaN, as the bf16
 * rewrite gave on a CPU without AMX. Every other call is the model's own answer.
 */
final class FirstCallNaN implements TileClassifier {
    private final TileClassifier model;
    private final AtomicBoolean fired = new AtomicBoolean();

    FirstCallNaN(TileClassifier model) {
        this.model = model;
    }

    @Override
    public ModelCard card() {
        return model.card();
    }

    @Override
    public float[] classify(TileBatch batch) {
        float[] p = model.classify(batch);
        if (fired.compareAndSet(false, true)) {
            p[0] = Float.NaN;
        }
        return p;
    }

    @Override
    public ServingPrecision servingPrecision() {
        return model.servingPrecision();
    }

    @Override
    public void close() {
        model.close();
    }
}

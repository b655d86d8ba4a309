package io.tessera.bench;

import io.tessera.model.ModelCard;
import io.tessera.model.ServingPrecision;
import io.tessera.model.TileBatch;
import io.tessera.model.TileClassifier;
import java.util.Map;
import java.util.TreeMap;

/** Wraps a classifier to count its calls by batch size: the benchmark's batch-size distribution. */
final class CountingClassifier implements TileClassifier {
    private final TileClassifier delegate;
    private final Map<Integer, Long> sizes = new TreeMap<>();

    CountingClassifier(TileClassifier delegate) {
        this.delegate = delegate;
    }

    @Override
    public ModelCard card() {
        return delegate.card();
    }

    @Override
    public float[] classify(TileBatch batch) {
        synchronized (sizes) {
            sizes.merge(batch.count(), 1L, Long::sum);
        }
        return delegate.classify(batch);
    }

    @Override
    public ServingPrecision servingPrecision() {
        return delegate.servingPrecision();
    }

    /** Calls by batch size since the last reset, and starts counting afresh. */
    Map<Integer, Long> takeSizes() {
        synchronized (sizes) {
            Map<Integer, Long> copy = new TreeMap<>(sizes);
            sizes.clear();
            return copy;
        }
    }

    @Override
    public void close() {
        delegate.close();
    }
}

package io.tessera.model.serving;

import io.tessera.model.ModelCard;
import io.tessera.model.ServingPrecision;
import io.tessera.model.TileBatch;
import io.tessera.model.TileClassifier;

/** A loaded classifier together with the precision choice that put it into service. */
final class CheckedClassifier implements TileClassifier {
    private final TileClassifier delegate;
    private final PrecisionChoice choice;

    CheckedClassifier(TileClassifier delegate, PrecisionChoice choice) {
        this.delegate = delegate;
        this.choice = choice;
    }

    TileClassifier delegate() {
        return delegate;
    }

    @Override
    public ModelCard card() {
        return delegate.card();
    }

    @Override
    public float[] classify(TileBatch batch) {
        return delegate.classify(batch);
    }

    @Override
    public ServingPrecision servingPrecision() {
        return choice.serving();
    }

    @Override
    public void close() {
        delegate.close();
    }
}

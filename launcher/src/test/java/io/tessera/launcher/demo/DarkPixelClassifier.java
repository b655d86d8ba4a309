package io.tessera.launcher.demo;

import io.tessera.model.ModelCard;
import io.tessera.model.TileBatch;
import io.tessera.model.TileClassifier;

/**
 * Stands in for the ResNet in the demo test, where only the plumbing is under test: a tile's
 * score is its share of dark pixels, so pitting scores higher than clean steel.
 */
final class DarkPixelClassifier implements TileClassifier {
    private final ModelCard card = new ModelCard("dark-pixels", "test", "dark-pixel-share", null, 256, 0, 32,
            new float[] {0, 0, 0}, new float[] {1, 1, 1}, 0.2, "input", "output", null);

    @Override
    public ModelCard card() {
        return card;
    }

    @Override
    public float[] classify(TileBatch batch) {
        int floats = batch.size() * batch.size() * 3;
        float[] scores = new float[batch.count()];
        float[] pixels = batch.pixels();
        for (int t = 0; t < batch.count(); t++) {
            int dark = 0;
            for (int i = t * floats; i < (t + 1) * floats; i++) {
                dark += pixels[i] < 0.25f ? 1 : 0;
            }
            scores[t] = Math.min(1f, (float) dark / floats);
        }
        return scores;
    }

    @Override
    public void close() {
    }
}

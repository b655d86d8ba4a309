package io.tessera.testing;

import io.tessera.model.ModelCard;
import io.tessera.model.TileBatch;
import io.tessera.model.TileClassifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A deterministic stand-in for the model in topology unit tests: a tile's defect score is its
 * darkness, 1 minus its mean pixel value (its card normalises nothing, so pixels are in [0, 1]).
 * A white frame scores 0; a tile covered by a black square scores high.
 */
public final class BrightnessClassifier implements TileClassifier {
    private final ModelCard card;
    private final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile RuntimeException failure;
    private volatile boolean nan;

    public BrightnessClassifier(ModelCard card) {
        this.card = card;
    }

    /** Tiles of 64 frame pixels, no overlap, fed at 32: a downscale by 2. Threshold 0.5. */
    public static ModelCard testCard() {
        return new ModelCard("test-brightness", "1", "mean-darkness", null, 64, 0, 32, new float[] {0, 0, 0},
                new float[] {1, 1, 1}, "dataset", 0.5, "input", "output", null);
    }

    public static BrightnessClassifier standard() {
        return new BrightnessClassifier(testCard());
    }

    /** Makes every later call fail with {@code e} (null: work again). */
    public void failWith(RuntimeException e) {
        this.failure = e;
    }

    /**
     * Makes every later call answer NaN for the first tile of its batch (false: work again), as
     * TensorFlow's bf16 rewrite did on a CPU without AMX: no exception, just a value that is not a
     * probability.
     */
    public void answerNaN(boolean on) {
        this.nan = on;
    }

    public List<Integer> batchSizes() {
        return List.copyOf(batchSizes);
    }

    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public ModelCard card() {
        return card;
    }

    @Override
    public float[] classify(TileBatch batch) {
        if (failure != null) {
            throw failure;
        }
        batchSizes.add(batch.count());
        int floats = batch.size() * batch.size() * 3;
        float[] out = new float[batch.count()];
        for (int t = 0; t < batch.count(); t++) {
            double sum = 0;
            for (int i = 0; i < floats; i++) {
                sum += batch.pixels()[t * floats + i];
            }
            out[t] = (float) Math.max(0, Math.min(1, 1 - sum / floats));
        }
        if (nan) {
            out[0] = Float.NaN;
        }
        return out;
    }

    @Override
    public void close() {
        closed.set(true);
    }
}

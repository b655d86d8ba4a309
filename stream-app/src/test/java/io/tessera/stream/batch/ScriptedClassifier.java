package io.tessera.stream.batch;

import io.tessera.model.ModelCard;
import io.tessera.model.TileBatch;
import io.tessera.model.TileClassifier;
import io.tessera.testing.BrightnessClassifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;

/**
 * A classifier for batcher tests: scores a tile with its first pixel value / 1000, records the
 * tiles of every call, can hold its first call until released, and can have its answers
 * replaced ({@link #answer}) or be made to throw anything, {@link Error}s included.
 */
final class ScriptedClassifier implements TileClassifier {
    static final int SIZE = 8;
    static final int FLOATS = SIZE * SIZE * 3;

    /** Per call, the first pixel value of each tile (caller * 100 + tile with {@link #tiles}). */
    final List<List<Integer>> calls = Collections.synchronizedList(new ArrayList<>());
    /** The thread of each call, in call order. */
    final List<String> threads = Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch firstCallStarted = new CountDownLatch(1);
    final CountDownLatch release;
    private volatile UnaryOperator<float[]> answer = UnaryOperator.identity();
    private volatile Throwable failure;

    ScriptedClassifier(boolean holdFirstCall) {
        release = new CountDownLatch(holdFirstCall ? 1 : 0);
    }

    /** Tiles whose value encodes (caller, tile) so a test can tell whose tiles a call held. */
    static float[] tiles(int caller, int count) {
        float[] pixels = new float[count * FLOATS];
        for (int t = 0; t < count; t++) {
            Arrays.fill(pixels, t * FLOATS, (t + 1) * FLOATS, caller * 100 + t);
        }
        return pixels;
    }

    /** Replaces the scores of every later call (e.g. with NaN). */
    void answer(UnaryOperator<float[]> answer) {
        this.answer = answer;
    }

    /** Every later call throws {@code t} (null: work again). */
    void failWith(Throwable t) {
        this.failure = t;
    }

    /** Callers (tile value / 100) of the tiles of each call, in call order. */
    List<Integer> firstCallerOfEachCall() {
        synchronized (calls) {
            return calls.stream().map(c -> c.get(0) / 100).toList();
        }
    }

    @Override
    public ModelCard card() {
        return BrightnessClassifier.testCard();
    }

    @Override
    public float[] classify(TileBatch batch) {
        List<Integer> values = new ArrayList<>();
        for (int t = 0; t < batch.count(); t++) {
            values.add((int) batch.pixels()[t * FLOATS]);
        }
        calls.add(values);
        threads.add(Thread.currentThread().getName());
        firstCallStarted.countDown();
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Throwable t = failure;
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        float[] out = new float[batch.count()];
        for (int i = 0; i < batch.count(); i++) {
            out[i] = batch.pixels()[i * FLOATS] / 1000f;
        }
        return answer.apply(out);
    }

    @Override
    public void close() {
    }
}

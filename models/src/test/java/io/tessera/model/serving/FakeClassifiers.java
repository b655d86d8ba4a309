package io.tessera.model.serving;

import io.tessera.model.ModelCard;
import io.tessera.model.TileBatch;
import io.tessera.model.TileClassifier;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

/**
 * Reference tiles whose pixels name their index, and a classifier that answers each tile's
 * reference score (or a changed one) while advancing a fake clock by a fixed time per tile.
 */
final class FakeClassifiers {
    static final int SIZE = 8;
    static final double THRESHOLD = 0.5;

    private FakeClassifiers() {
    }

    /** Tile i is filled with the value i, so a classifier can tell which tile it was given. */
    static ReferenceTiles reference(float... scores) {
        int floats = SIZE * SIZE * 3;
        float[] pixels = new float[scores.length * floats];
        for (int t = 0; t < scores.length; t++) {
            Arrays.fill(pixels, t * floats, (t + 1) * floats, t);
        }
        return new ReferenceTiles(pixels, scores.length, SIZE, scores.clone());
    }

    static ModelCard card() {
        return new ModelCard("fake", "1", "none", null, 16, 0, SIZE, new float[] {0, 0, 0}, new float[] {1, 1, 1},
                "dataset", THRESHOLD, "in", "out", Map.of());
    }

    /** A classifier whose answer for (tile, batch size) is {@code answer}. */
    static final class Fake implements TileClassifier {
        private final ReferenceTiles reference;
        private final AtomicLong clock;
        private final long nanosPerTile;
        private final BiFunction<Integer, Integer, Float> answer;
        boolean closed;

        Fake(ReferenceTiles reference, AtomicLong clock, long nanosPerTile, BiFunction<Integer, Integer, Float> answer) {
            this.reference = reference;
            this.clock = clock;
            this.nanosPerTile = nanosPerTile;
            this.answer = answer;
        }

        /** Answers exactly the reference scores. */
        static Fake exact(ReferenceTiles reference, AtomicLong clock, long nanosPerTile) {
            return new Fake(reference, clock, nanosPerTile, (tile, batch) -> reference.fp32Scores()[tile]);
        }

        @Override
        public ModelCard card() {
            return FakeClassifiers.card();
        }

        @Override
        public float[] classify(TileBatch batch) {
            int floats = SIZE * SIZE * 3;
            float[] out = new float[batch.count()];
            for (int i = 0; i < batch.count(); i++) {
                out[i] = answer.apply((int) batch.pixels()[i * floats], batch.count());
            }
            clock.addAndGet(nanosPerTile * batch.count());
            return out;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}

package io.tessera.stream.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.model.ModelCard;
import io.tessera.model.TileBatch;
import io.tessera.model.TileClassifier;
import io.tessera.stream.config.BatchSettings;
import io.tessera.testing.BrightnessClassifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** While a new model takes over, a batch holds one model's tiles only, and each frame is scored by the model it was tiled for. */
class DynamicBatcherModelSwapTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-01T06:00:00Z"), ZoneOffset.UTC);
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        callers.shutdownNow();
    }

    @Test
    void framesTiledForTheOldAndTheNewModelNeverShareABatch() throws Exception {
        ScriptedClassifier old = new ScriptedClassifier(true);
        ScriptedClassifier next = new ScriptedClassifier(false);
        BatchSettings settings = new BatchSettings(16, Duration.ofMillis(5), Duration.ofSeconds(30));
        try (DynamicBatcher batcher = new DynamicBatcher(old, settings, ScriptedClassifier.SIZE, clock, BatchObserver.NONE)) {
            // the first call holds the worker, so the three frames below queue up together
            Future<Scores> holding = submit(batcher, old, 0, 1);
            assertThat(old.firstCallStarted.await(10, TimeUnit.SECONDS)).isTrue();
            Future<Scores> oldFrame = submit(batcher, old, 1, 3);
            waitQueued(batcher, 1);
            Future<Scores> newFrame = submit(batcher, next, 2, 3);
            waitQueued(batcher, 2);
            Future<Scores> anotherOld = submit(batcher, old, 3, 3);
            waitQueued(batcher, 3);
            old.release.countDown();

            assertThat(scores(holding)).containsExactly(0.000f);
            assertThat(scores(oldFrame)).containsExactly(0.100f, 0.101f, 0.102f);
            assertThat(scores(newFrame)).containsExactly(0.200f, 0.201f, 0.202f);
            assertThat(scores(anotherOld)).containsExactly(0.300f, 0.301f, 0.302f);
            assertThat(next.firstCallerOfEachCall()).as("the new model saw only its own frame").containsOnly(2);
            assertThat(old.firstCallerOfEachCall()).doesNotContain(2);
            synchronized (old.calls) {
                old.calls.forEach(call -> assertThat(call.stream().map(v -> v / 100).distinct().toList())
                        .as("one model's frames in a batch").doesNotContain(2));
            }
        }
    }

    @Test
    void aModelWithBiggerTilesTakesOverWithoutMixingTileSizesInACall() throws Exception {
        SizedClassifier small = new SizedClassifier();
        SizedClassifier big = new SizedClassifier();
        BatchSettings settings = new BatchSettings(16, Duration.ofMillis(20), Duration.ofSeconds(30));
        try (DynamicBatcher batcher = new DynamicBatcher(small, settings, 8, clock, BatchObserver.NONE)) {
            List<Future<Scores>> frames = new ArrayList<>();
            for (int caller = 0; caller < 6; caller++) {
                boolean newModel = caller % 2 == 1;
                int size = newModel ? 16 : 8;
                SizedClassifier model = newModel ? big : small;
                int c = caller;
                frames.add(callers.submit(() -> batcher.classify(model, size, SizedClassifier.tiles(c, 5, size), 5, null)));
            }
            for (int caller = 0; caller < 6; caller++) {
                float[] p = frames.get(caller).get(10, TimeUnit.SECONDS).probabilities();
                for (int t = 0; t < 5; t++) {
                    assertThat(p[t]).as("caller %d tile %d", caller, t).isEqualTo((caller * 100 + t) / 1000f);
                }
            }
            assertThat(small.sizes).containsOnly(8);
            assertThat(big.sizes).containsOnly(16);
        }
    }

    /** Scores a tile with its first pixel value / 1000, whatever its size; records the tile size of each call. */
    private static final class SizedClassifier implements TileClassifier {
        final List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());

        static float[] tiles(int caller, int count, int size) {
            int floats = size * size * 3;
            float[] pixels = new float[count * floats];
            for (int t = 0; t < count; t++) {
                Arrays.fill(pixels, t * floats, (t + 1) * floats, caller * 100 + t);
            }
            return pixels;
        }

        @Override
        public ModelCard card() {
            return BrightnessClassifier.testCard();
        }

        @Override
        public float[] classify(TileBatch batch) {
            sizes.add(batch.size());
            int floats = batch.size() * batch.size() * 3;
            float[] out = new float[batch.count()];
            for (int t = 0; t < batch.count(); t++) {
                out[t] = batch.pixels()[t * floats] / 1000f;
            }
            return out;
        }

        @Override
        public void close() {
        }
    }

    private Future<Scores> submit(DynamicBatcher batcher, ScriptedClassifier model, int caller, int count) {
        return callers.submit(() -> batcher.classify(model, ScriptedClassifier.SIZE, ScriptedClassifier.tiles(caller, count), count, null));
    }

    private static float[] scores(Future<Scores> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS).probabilities();
    }

    private static void waitQueued(DynamicBatcher batcher, int requests) throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (batcher.queued() < requests && System.nanoTime() < giveUp) {
            Thread.sleep(5);
        }
        assertThat(batcher.queued()).isEqualTo(requests);
    }

}

package io.tessera.stream.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DynamicBatcherTest {
    private static final int SIZE = 8;
    private static final int FLOATS = SIZE * SIZE * 3;
    private static final Instant NOW = Instant.parse("2026-11-28T03:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        callers.shutdownNow();
    }

    /** Tiles whose value encodes (caller, tile) so the test can check every score came back to its owner. */
    private static float[] tiles(int caller, int count) {
        float[] pixels = new float[count * FLOATS];
        for (int t = 0; t < count; t++) {
            Arrays.fill(pixels, t * FLOATS, (t + 1) * FLOATS, caller * 100 + t);
        }
        return pixels;
    }

    /** Scores a tile with its first pixel value; the first call can be held until released. */
    private static final class RecordingClassifier implements TileClassifier {
        final List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch firstCallStarted = new CountDownLatch(1);
        final CountDownLatch release;

        RecordingClassifier(boolean holdFirstCall) {
            release = new CountDownLatch(holdFirstCall ? 1 : 0);
        }

        @Override
        public ModelCard card() {
            return BrightnessClassifier.testCard();
        }

        @Override
        public float[] classify(TileBatch batch) {
            sizes.add(batch.count());
            firstCallStarted.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            float[] out = new float[batch.count()];
            for (int t = 0; t < batch.count(); t++) {
                out[t] = batch.pixels()[t * FLOATS] / 1000f;
            }
            return out;
        }

        @Override
        public void close() {
        }
    }

    private DynamicBatcher batcher(TileClassifier classifier, int maxSize, long maxWaitMs) {
        return new DynamicBatcher(classifier, new BatchSettings(maxSize, Duration.ofMillis(maxWaitMs), Duration.ofSeconds(30)),
                SIZE, clock, BatchObserver.NONE);
    }

    private static void awaitQueued(DynamicBatcher batcher, int n) throws InterruptedException {
        while (batcher.queued() < n) {
            Thread.sleep(5); // waiting for other threads to reach a state, not timing anything
        }
    }

    @Test
    void requestsQueuedWhileTheModelIsBusyAreCoalescedIntoOneBatch() throws Exception {
        RecordingClassifier model = new RecordingClassifier(true);
        try (DynamicBatcher batcher = batcher(model, 16, 0)) {
            Future<Scores> first = callers.submit(() -> batcher.classify(tiles(1, 4), 4, null));
            model.firstCallStarted.await();
            List<Future<Scores>> rest = new ArrayList<>();
            for (int caller = 2; caller <= 4; caller++) {
                int c = caller;
                rest.add(callers.submit(() -> batcher.classify(tiles(c, 3), 3, null)));
            }
            awaitQueued(batcher, 3);
            model.release.countDown();

            assertThat(first.get().probabilities()).containsExactly(0.1f, 0.101f, 0.102f, 0.103f);
            for (int i = 0; i < rest.size(); i++) {
                int c = i + 2;
                Scores s = rest.get(i).get();
                assertThat(s.probabilities()).containsExactly(c * 0.1f, (c * 100 + 1) / 1000f, (c * 100 + 2) / 1000f);
                assertThat(s.batches()).isEqualTo(1);
            }
            assertThat(model.sizes).containsExactly(4, 9);
        }
    }

    @Test
    void aFrameLargerThanTheMaximumIsSplitEvenlyAcrossBatchesAndReassembledInOrder() throws Exception {
        RecordingClassifier model = new RecordingClassifier(false);
        try (DynamicBatcher batcher = batcher(model, 4, 0)) {
            Scores s = batcher.classify(tiles(3, 10), 10, null);
            assertThat(model.sizes).containsExactly(4, 3, 3); // split evenly, no small remainder
            assertThat(s.batches()).isEqualTo(3);
            for (int t = 0; t < 10; t++) {
                assertThat(s.probabilities()[t]).isEqualTo((300 + t) / 1000f);
            }
        }
    }

    @Test
    void aRequestWhoseDeadlineHasPassedIsNotSentToTheModel() {
        RecordingClassifier model = new RecordingClassifier(false);
        try (DynamicBatcher batcher = batcher(model, 4, 0)) {
            assertThatThrownBy(() -> batcher.classify(tiles(1, 2), 2, NOW.minusMillis(1)))
                    .isInstanceOf(Unclassified.class)
                    .satisfies(e -> assertThat(((Unclassified) e).reason()).isEqualTo("late"));
            assertThat(model.sizes).isEmpty();
        }
    }

    @Test
    void aModelFailureFailsOnlyTheRequestsInThatBatch() throws Exception {
        BrightnessClassifier model = BrightnessClassifier.standard();
        try (DynamicBatcher batcher = batcher(model, 4, 0)) {
            model.failWith(new IllegalStateException("boom"));
            assertThatThrownBy(() -> batcher.classify(new float[FLOATS], 1, null))
                    .isInstanceOf(Unclassified.class)
                    .satisfies(e -> assertThat(((Unclassified) e).reason()).isEqualTo("model-error"));
            model.failWith(null);
            assertThat(batcher.classify(new float[FLOATS], 1, null).probabilities()).containsExactly(1f);
        }
    }

    @Test
    void closingFailsWaitingCallersInsteadOfLeavingThemBlocked() throws Exception {
        RecordingClassifier model = new RecordingClassifier(true);
        DynamicBatcher batcher = batcher(model, 4, 0);
        Future<Scores> busy = callers.submit(() -> batcher.classify(tiles(1, 4), 4, null));
        model.firstCallStarted.await();
        Future<Scores> waiting = callers.submit(() -> batcher.classify(tiles(2, 4), 4, null));
        awaitQueued(batcher, 1);
        batcher.close(); // interrupts the worker, which the held model call answers
        assertThatThrownBy(waiting::get).hasCauseInstanceOf(BatcherClosedException.class);
        assertThat(busy.get().probabilities()).hasSize(4);
        assertThatThrownBy(() -> batcher.classify(tiles(3, 1), 1, null)).isInstanceOf(BatcherClosedException.class);
    }
}

package io.tessera.stream.batch;

import static io.tessera.stream.batch.ScriptedClassifier.SIZE;
import static io.tessera.stream.batch.ScriptedClassifier.tiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.model.Ticker;
import io.tessera.stream.config.BatchSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The batcher's time rules, driven by a hand-moved {@link Ticker}: nothing here depends on how
 * fast the machine is. Waits on futures are bounded so that a regression fails instead of hanging.
 */
class DynamicBatcherSchedulingTest {
    private static final Instant NOW = Instant.parse("2026-11-28T03:00:00Z");
    private static final long BOUND_S = 10;
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final Ticker ticker = nanos::get;
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        callers.shutdownNow();
    }

    private DynamicBatcher batcher(ScriptedClassifier model, BatchSettings settings) {
        return new DynamicBatcher(model, settings, SIZE, clock, ticker, BatchObserver.NONE);
    }

    private static BatchSettings settings(int maxSize, Duration maxWait, int minEfficient, int maxQueuedTiles) {
        return new BatchSettings(maxSize, maxWait, Duration.ofDays(1), minEfficient, maxQueuedTiles, 5, Duration.ZERO);
    }

    private Future<Scores> submit(DynamicBatcher batcher, int caller, int count, Instant deadline) {
        return callers.submit(() -> batcher.classify(tiles(caller, count), count, deadline));
    }

    private static void awaitQueued(DynamicBatcher batcher, int n) throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_S);
        while (batcher.queued() != n) {
            assertThat(System.nanoTime()).as("queue never reached " + n + " requests").isLessThan(giveUp);
            Thread.sleep(2); // waiting for other threads to reach a state, not timing anything
        }
    }

    private static Unclassified unclassified(Future<Scores> f) throws InterruptedException {
        try {
            f.get(BOUND_S, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(Unclassified.class);
            return (Unclassified) e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError("caller still waiting after " + BOUND_S + " s", e);
        }
        throw new AssertionError("scored, but should not have been");
    }

    @Test
    void aPartialBatchWaitsTheFillWindowAndTakesWhatArrivesWithinIt() throws Exception {
        ScriptedClassifier model = new ScriptedClassifier(false);
        try (DynamicBatcher batcher = batcher(model, settings(16, Duration.ofMillis(10), 16, 64))) {
            Future<Scores> a = submit(batcher, 1, 2, null);
            awaitQueued(batcher, 1);
            Future<Scores> b = submit(batcher, 2, 3, null);
            awaitQueued(batcher, 2);
            assertThat(model.calls).isEmpty(); // the window is open while the ticker stands still

            nanos.addAndGet(Duration.ofMillis(10).toNanos());
            Scores first = a.get(BOUND_S, TimeUnit.SECONDS);
            Scores second = b.get(BOUND_S, TimeUnit.SECONDS);
            assertThat(model.calls).containsExactly(List.of(100, 101, 200, 201, 202));
            assertThat(first.queued()).isEqualTo(Duration.ofMillis(10));
            assertThat(second.queued()).isEqualTo(Duration.ofMillis(10));
            assertThat(first.probabilities()).containsExactly(0.1f, 0.101f);
        }
    }

    @Test
    void aRequestThatAloneSaturatesTheModelRunsAtOnceWithoutWaitingForOthers() throws Exception {
        ScriptedClassifier model = new ScriptedClassifier(false);
        try (DynamicBatcher batcher = batcher(model, settings(64, Duration.ofHours(1), 8, 256))) {
            Scores s = submit(batcher, 1, 8, null).get(BOUND_S, TimeUnit.SECONDS); // the ticker never moves
            assertThat(s.queued()).isZero();
            assertThat(model.calls).hasSize(1);

            Future<Scores> small = submit(batcher, 2, 3, null); // below the efficient size: waits for the window
            awaitQueued(batcher, 1);
            assertThat(model.calls).hasSize(1);
            nanos.addAndGet(Duration.ofHours(1).toNanos());
            assertThat(small.get(BOUND_S, TimeUnit.SECONDS).queued()).isEqualTo(Duration.ofHours(1));
        }
    }

    @Test
    void theBacklogShowsQueuedTilesAndHowLongTheRunningCallHasRun() throws Exception {
        ScriptedClassifier model = new ScriptedClassifier(true);
        try (DynamicBatcher batcher = batcher(model, settings(64, Duration.ZERO, 8, 256))) {
            assertThat(batcher.backlog()).isEqualTo(Backlog.IDLE);
            Future<Scores> busy = submit(batcher, 1, 8, null);
            model.firstCallStarted.await();
            Future<Scores> waiting = submit(batcher, 2, 5, null);
            awaitQueued(batcher, 1);
            nanos.addAndGet(Duration.ofMillis(300).toNanos());
            assertThat(batcher.backlog()).isEqualTo(new Backlog(5, 1, 8, Duration.ofMillis(300)));
            model.release.countDown();
            busy.get(BOUND_S, TimeUnit.SECONDS);
            waiting.get(BOUND_S, TimeUnit.SECONDS);
            assertThat(batcher.backlog()).isEqualTo(Backlog.IDLE);
        }
    }

    @Test
    void aSaturatingBatchDoesNotTakeMoreFramesThatWouldOnlyDelayIt() throws Exception {
        ScriptedClassifier model = new ScriptedClassifier(true);
        try (DynamicBatcher batcher = batcher(model, settings(64, Duration.ZERO, 8, 256))) {
            Future<Scores> busy = submit(batcher, 1, 8, null);
            model.firstCallStarted.await();
            Future<Scores> a = submit(batcher, 2, 8, null);
            awaitQueued(batcher, 1);
            Future<Scores> b = submit(batcher, 3, 8, null);
            awaitQueued(batcher, 2);
            model.release.countDown();
            for (Future<Scores> f : List.of(busy, a, b)) {
                assertThat(f.get(BOUND_S, TimeUnit.SECONDS).batches()).isEqualTo(1);
            }
            assertThat(model.calls).extracting(List::size).containsExactly(8, 8, 8); // not 8 + 16
        }
    }

    @Test
    void queuedRequestsAreServedEarliestDeadlineFirstAndThoseWithoutOneLastInArrivalOrder() throws Exception {
        ScriptedClassifier model = new ScriptedClassifier(true);
        try (DynamicBatcher batcher = batcher(model, settings(4, Duration.ZERO, 4, 64))) {
            List<Future<Scores>> all = new ArrayList<>();
            all.add(submit(batcher, 1, 4, null));
            model.firstCallStarted.await();
            Instant[] deadlines = {NOW.plusSeconds(5), null, NOW.plusSeconds(1), null, NOW.plusSeconds(1)};
            for (int i = 0; i < deadlines.length; i++) {
                all.add(submit(batcher, i + 2, 4, deadlines[i]));
                awaitQueued(batcher, i + 1); // one at a time: arrival order is the order of submission
            }
            model.release.countDown();
            for (Future<Scores> f : all) {
                f.get(BOUND_S, TimeUnit.SECONDS);
            }
            assertThat(model.firstCallerOfEachCall()).containsExactly(1, 4, 6, 2, 3, 5);
        }
    }

    @Test
    void aRequestWhoseDeadlinePassesInTheQueueLeavesItAtOnceAndNeverReachesTheModel() throws Exception {
        ScriptedClassifier model = new ScriptedClassifier(true);
        try (DynamicBatcher batcher = batcher(model, settings(4, Duration.ZERO, 4, 64))) {
            Future<Scores> busy = submit(batcher, 1, 4, null);
            model.firstCallStarted.await();
            Future<Scores> doomed = submit(batcher, 2, 4, NOW.plusMillis(100));
            awaitQueued(batcher, 1);

            nanos.addAndGet(Duration.ofMillis(100).toNanos());
            assertThat(unclassified(doomed).reason()).isEqualTo(Unclassified.LATE);
            assertThat(batcher.queued()).isZero(); // gone while the model is still busy
            assertThat(batcher.queuedTiles()).isZero();
            model.release.countDown();
            busy.get(BOUND_S, TimeUnit.SECONDS);
            assertThat(model.firstCallerOfEachCall()).containsExactly(1);
        }
    }

    @Test
    void aRequestAlreadyPastItsDeadlineIsNeverQueued() throws Exception {
        ScriptedClassifier model = new ScriptedClassifier(false);
        try (DynamicBatcher batcher = batcher(model, settings(4, Duration.ZERO, 4, 64))) {
            assertThatThrownBy(() -> batcher.classify(tiles(1, 2), 2, NOW))
                    .isInstanceOfSatisfying(Unclassified.class, e -> assertThat(e.reason()).isEqualTo(Unclassified.LATE));
            assertThat(model.calls).isEmpty();
        }
    }

    @Test
    void aCallerThatIsInterruptedTakesItsRequestOutOfTheQueueAtOnce() throws Exception {
        ScriptedClassifier model = new ScriptedClassifier(true);
        try (DynamicBatcher batcher = batcher(model, settings(4, Duration.ZERO, 4, 64))) {
            Future<Scores> busy = submit(batcher, 1, 4, null);
            model.firstCallStarted.await();
            Future<Scores> leaving = submit(batcher, 2, 4, null);
            awaitQueued(batcher, 1);
            leaving.cancel(true);
            awaitQueued(batcher, 0); // while the model is still held
            assertThat(batcher.queuedTiles()).isZero();
            model.release.countDown();
            busy.get(BOUND_S, TimeUnit.SECONDS);
            assertThat(model.firstCallerOfEachCall()).containsExactly(1);
        }
    }

    @Test
    void aFullQueueAnswersOverloadedAtOnceAndTheQueuedFramesAreStillServed() throws Exception {
        ScriptedClassifier model = new ScriptedClassifier(true);
        try (DynamicBatcher batcher = batcher(model, settings(4, Duration.ZERO, 4, 8))) {
            Future<Scores> busy = submit(batcher, 1, 4, null);
            model.firstCallStarted.await();
            Future<Scores> a = submit(batcher, 2, 4, null);
            awaitQueued(batcher, 1);
            Future<Scores> b = submit(batcher, 3, 4, null);
            awaitQueued(batcher, 2);

            assertThatThrownBy(() -> batcher.classify(tiles(4, 1), 1, null))
                    .isInstanceOfSatisfying(Unclassified.class, e -> {
                        assertThat(e.reason()).isEqualTo(Unclassified.OVERLOADED);
                        assertThat(e.getMessage()).contains("batch.max-queued-tiles");
                    });
            model.release.countDown();
            for (Future<Scores> f : List.of(busy, a, b)) {
                assertThat(f.get(BOUND_S, TimeUnit.SECONDS).probabilities()).hasSize(4);
            }
        }
    }
}

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
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A model fault gives {@code model-error} to the frames it touched, and the worker cannot die unnoticed. */
class DynamicBatcherFaultTest {
    private static final long BOUND_S = 10;
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-28T03:00:00Z"), ZoneOffset.UTC);
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        callers.shutdownNow();
    }

    /** Counts what the batcher reports about its worker. */
    private static final class Events implements BatchObserver {
        final AtomicInteger modelFailures = new AtomicInteger();
        final AtomicInteger deaths = new AtomicInteger();
        final AtomicInteger restarts = new AtomicInteger();

        @Override
        public void batch(int tiles, int frames, long inferNanos) {
        }

        @Override
        public void modelFailed(int tiles, String detail) {
            modelFailures.incrementAndGet();
        }

        @Override
        public void workerDied(Throwable cause, boolean restarting) {
            deaths.incrementAndGet();
        }

        @Override
        public void workerRestarted() {
            restarts.incrementAndGet();
        }
    }

    private DynamicBatcher batcher(ScriptedClassifier model, int maxRestarts, Duration backoff, BatchObserver observer) {
        return new DynamicBatcher(model, new BatchSettings(8, Duration.ZERO, Duration.ofSeconds(30), 8, 64, maxRestarts, backoff),
                SIZE, clock, observer);
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

    static Stream<Arguments> badOutputs() {
        return Stream.of(
                Arguments.of("NaN", (UnaryOperator<float[]>) out -> {
                    out[1] = Float.NaN;
                    return out;
                }),
                Arguments.of("infinity", (UnaryOperator<float[]>) out -> {
                    out[0] = Float.POSITIVE_INFINITY;
                    return out;
                }),
                Arguments.of("above 1", (UnaryOperator<float[]>) out -> {
                    out[0] = 1.5f;
                    return out;
                }),
                Arguments.of("below 0", (UnaryOperator<float[]>) out -> {
                    out[0] = -0.01f;
                    return out;
                }),
                Arguments.of("too few scores", (UnaryOperator<float[]>) out -> Arrays.copyOf(out, out.length - 1)),
                Arguments.of("no scores", (UnaryOperator<float[]>) out -> null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badOutputs")
    void unusableScoresGiveModelErrorToEveryFrameInTheBatchAndTheNextBatchIsScored(String what,
            UnaryOperator<float[]> corruption) throws Exception {
        ScriptedClassifier model = new ScriptedClassifier(true);
        Events events = new Events();
        try (DynamicBatcher batcher = batcher(model, 5, Duration.ZERO, events)) {
            model.answer(corruption);
            Future<Scores> a = callers.submit(() -> batcher.classify(tiles(1, 2), 2, null));
            model.firstCallStarted.await();
            Future<Scores> b = callers.submit(() -> batcher.classify(tiles(2, 3), 3, null));
            Future<Scores> c = callers.submit(() -> batcher.classify(tiles(3, 3), 3, null));
            while (batcher.queued() < 2) {
                Thread.sleep(2); // waiting for the callers to queue, not timing anything
            }
            model.release.countDown(); // a alone, then b and c together: all get unusable scores
            for (Future<Scores> f : List.of(a, b, c)) {
                assertThat(unclassified(f).reason()).isEqualTo(Unclassified.MODEL_ERROR);
            }
            assertThat(model.calls).hasSize(2);
            assertThat(events.modelFailures).hasValue(2);
            assertThat(batcher.health().modelOk()).isFalse();
            assertThat(batcher.health().workerAlive()).isTrue();

            model.answer(UnaryOperator.identity());
            assertThat(batcher.classify(tiles(4, 1), 1, null).probabilities()).containsExactly(0.4f);
            assertThat(batcher.health().modelOk()).isTrue();
        }
    }

    @Test
    void anExceptionFromTheModelGivesModelErrorNamingIt() throws Exception {
        ScriptedClassifier model = new ScriptedClassifier(false);
        try (DynamicBatcher batcher = batcher(model, 5, Duration.ZERO, BatchObserver.NONE)) {
            model.failWith(new IllegalStateException("device lost"));
            assertThatThrownBy(() -> batcher.classify(tiles(1, 1), 1, null))
                    .isInstanceOfSatisfying(Unclassified.class, e -> {
                        assertThat(e.reason()).isEqualTo(Unclassified.MODEL_ERROR);
                        assertThat(e.getMessage()).contains("device lost");
                    });
            assertThat(batcher.health().lastModelFault()).contains("device lost");
        }
    }

    @Test
    void aDeadWorkerTurnsHealthRedAndEveryWaitingAndLaterCallerGetsModelErrorAtOnce() throws Exception {
        ScriptedClassifier model = new ScriptedClassifier(true);
        Events events = new Events();
        // A restart an hour away: the batcher stays down for the whole test.
        try (DynamicBatcher batcher = batcher(model, 5, Duration.ofHours(1), events)) {
            model.failWith(new StackOverflowError("native stack exhausted"));
            Future<Scores> inFlight = callers.submit(() -> batcher.classify(tiles(1, 8), 8, null));
            model.firstCallStarted.await();
            Future<Scores> waiting = callers.submit(() -> batcher.classify(tiles(2, 4), 4, null));
            while (batcher.queued() < 1) {
                Thread.sleep(2); // waiting for the caller to queue, not timing anything
            }
            model.release.countDown(); // the model call throws an Error: the worker thread ends

            assertThat(unclassified(inFlight).reason()).isEqualTo(Unclassified.MODEL_ERROR);
            assertThat(unclassified(waiting).reason()).isEqualTo(Unclassified.MODEL_ERROR);
            assertThat(batcher.health().workerAlive()).isFalse();
            assertThat(batcher.health().workerDown()).contains("StackOverflowError");
            assertThat(events.deaths).hasValue(1);
            assertThat(batcher.queued()).isZero();

            model.failWith(null);
            assertThatThrownBy(() -> batcher.classify(tiles(3, 1), 1, null))
                    .isInstanceOfSatisfying(Unclassified.class, e -> {
                        assertThat(e.reason()).isEqualTo(Unclassified.MODEL_ERROR);
                        assertThat(e.getMessage()).contains("worker is down");
                    });
            assertThat(model.calls).hasSize(1); // later callers never reach a dead worker's queue
        }
    }

    @Test
    void aDeadWorkerIsRestartedAndServesAgain() throws Exception {
        ScriptedClassifier model = new ScriptedClassifier(false);
        Events events = new Events();
        try (DynamicBatcher batcher = batcher(model, 5, Duration.ZERO, events)) {
            model.failWith(new OutOfMemoryError("test: direct buffer memory"));
            assertThatThrownBy(() -> batcher.classify(tiles(1, 1), 1, null)).isInstanceOf(Unclassified.class);
            model.failWith(null);
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_S);
            while (!batcher.health().workerAlive()) {
                assertThat(System.nanoTime()).as("worker never restarted").isLessThan(giveUp);
                Thread.sleep(2);
            }
            assertThat(batcher.classify(tiles(2, 1), 1, null).probabilities()).containsExactly(0.2f);
            assertThat(batcher.health().restarts()).isEqualTo(1);
            assertThat(events.restarts).hasValue(1);
            assertThat(batcher.givenUp().toCompletableFuture()).isNotDone();
        }
    }

    @Test
    void aWorkerHostedOnTheModelsThreadServesThereAndIsRestartedThere() throws Exception {
        ExecutorService serving = Executors.newSingleThreadExecutor(r -> new Thread(r, "loaded-the-model"));
        ScriptedClassifier model = new ScriptedClassifier(false);
        BatchSettings settings = new BatchSettings(8, Duration.ZERO, Duration.ofSeconds(30), 8, 64, 5, Duration.ZERO);
        try (DynamicBatcher batcher = new DynamicBatcher(model, settings, SIZE, clock, Ticker.systemTicker(),
                new Events(), serving)) {
            assertThat(batcher.classify(tiles(1, 1), 1, null).probabilities()).containsExactly(0.1f);
            model.failWith(new OutOfMemoryError("test"));
            assertThatThrownBy(() -> batcher.classify(tiles(2, 1), 1, null)).isInstanceOf(Unclassified.class);
            model.failWith(null);
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_S);
            while (!batcher.health().workerAlive()) {
                assertThat(System.nanoTime()).as("worker never restarted").isLessThan(giveUp);
                Thread.sleep(2);
            }
            assertThat(batcher.classify(tiles(3, 1), 1, null).probabilities()).containsExactly(0.3f);
        } finally {
            serving.shutdownNow();
        }
        assertThat(model.threads).hasSize(3).containsOnly("loaded-the-model");
        assertThat(serving.awaitTermination(BOUND_S, TimeUnit.SECONDS)).as("worker stopped on close").isTrue();
    }

    @Test
    void pastTheRestartBoundTheBatcherGivesUpWithAMessageNamingTheSetting() throws Exception {
        ScriptedClassifier model = new ScriptedClassifier(false);
        try (DynamicBatcher batcher = batcher(model, 2, Duration.ZERO, BatchObserver.NONE)) {
            model.failWith(new LinkageError("libtensorflow_framework.so: cannot open"));
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_S);
            while (!batcher.givenUp().toCompletableFuture().isDone()) {
                assertThat(System.nanoTime()).as("batcher never gave up").isLessThan(giveUp);
                assertThatThrownBy(() -> batcher.classify(tiles(1, 1), 1, null))
                        .isInstanceOfSatisfying(Unclassified.class,
                                e -> assertThat(e.reason()).isEqualTo(Unclassified.MODEL_ERROR));
            }
            String message = batcher.givenUp().toCompletableFuture().get(BOUND_S, TimeUnit.SECONDS);
            assertThat(message).contains("3 time(s)", "batch.worker-max-restarts=2", "libtensorflow_framework.so");
            assertThat(model.calls).hasSize(3);
            assertThat(batcher.health().workerAlive()).isFalse();
        }
    }
}

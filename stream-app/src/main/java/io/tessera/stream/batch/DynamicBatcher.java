package io.tessera.stream.batch;

import io.tessera.model.TileBatch;
import io.tessera.model.TileClassifier;
import io.tessera.stream.config.BatchSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One per process: coalesces the tiles of concurrent callers (stream threads, frames) into
 * model calls of up to {@code maxSize} tiles, waiting at most {@code maxWait} for a batch to
 * fill, as inference servers do. Callers block in {@link #classify} until their tiles are
 * scored, so a stream thread forwards a frame's verdict before its offset can be committed.
 *
 * <p>Deadline-aware: a request whose deadline has passed is dropped from the queue without
 * running the model (its caller gets {@link Unclassified#LATE}), and a caller stops waiting at
 * its deadline.
 */
public final class DynamicBatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DynamicBatcher.class);

    private final TileClassifier classifier;
    private final BatchSettings settings;
    private final int inputSize;
    private final int tileFloats;
    private final Clock clock;
    private final BatchObserver observer;
    private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final Thread worker;
    private volatile boolean closed;

    public DynamicBatcher(TileClassifier classifier, BatchSettings settings, int inputSize, Clock clock,
            BatchObserver observer) {
        this.classifier = classifier;
        this.settings = settings;
        this.inputSize = inputSize;
        this.tileFloats = inputSize * inputSize * 3;
        this.clock = clock;
        this.observer = observer;
        this.worker = new Thread(this::run, "tessera-batcher");
        this.worker.setDaemon(true);
        this.worker.start();
    }

    public BatchSettings settings() {
        return settings;
    }

    /** Requests waiting for the worker (not counting the batch being run): a queue-depth gauge. */
    public int queued() {
        return queue.size();
    }

    /**
     * Scores {@code count} tiles of {@code inputSize} (NHWC floats), blocking until done.
     *
     * @param deadline when the scores are useless; null for no deadline (then the batch timeout applies)
     * @throws Unclassified when the deadline passes, the model fails or times out
     * @throws BatcherClosedException when the batcher closes first
     */
    public Scores classify(float[] pixels, int count, Instant deadline) throws Unclassified, InterruptedException {
        if (count <= 0 || pixels.length < (long) count * tileFloats) {
            throw new IllegalArgumentException(count + " tiles need " + (long) count * tileFloats + " floats, got " + pixels.length);
        }
        if (closed) {
            throw new BatcherClosedException("batcher is closed");
        }
        Request request = new Request(pixels, count, deadline, System.nanoTime());
        queue.add(request);
        Duration timeout = settings.timeout();
        String timeoutReason = Unclassified.MODEL_TIMEOUT;
        if (deadline != null) {
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.compareTo(timeout) < 0) {
                timeout = left.isNegative() ? Duration.ZERO : left;
                timeoutReason = Unclassified.LATE;
            }
        }
        try {
            return request.future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            request.future.cancel(false); // the worker skips it: no model time for a dead frame
            if (request.future.isCancelled()) {
                throw new Unclassified(timeoutReason, "no scores within " + timeout.toMillis() + " ms", null);
            }
            return join(request); // completed between the timeout and the cancel
        } catch (ExecutionException e) {
            return rethrow(e);
        } catch (InterruptedException e) {
            request.future.cancel(false);
            throw e;
        }
    }

    private Scores join(Request request) throws Unclassified {
        try {
            return request.future.get();
        } catch (ExecutionException e) {
            return rethrow(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BatcherClosedException("interrupted");
        }
    }

    private static Scores rethrow(ExecutionException e) throws Unclassified {
        Throwable cause = e.getCause();
        if (cause instanceof Unclassified u) {
            throw new Unclassified(u.reason(), u.getMessage(), u.getCause());
        }
        if (cause instanceof BatcherClosedException c) {
            throw new BatcherClosedException(c.getMessage());
        }
        throw new Unclassified(Unclassified.MODEL_ERROR, "model failed: " + cause, cause);
    }

    private void run() {
        Deque<Request> backlog = new ArrayDeque<>();
        float[] buffer = new float[settings.maxSize() * tileFloats];
        try {
            while (!closed) {
                Request head = backlog.peekFirst();
                if (head == null) {
                    head = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (head == null) {
                        continue;
                    }
                    backlog.addLast(head);
                }
                runBatch(backlog, buffer, head.submitNanos + settings.maxWait().toNanos());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            LOG.error("batcher worker failed", e);
        } finally {
            failAll(backlog);
        }
    }

    /** Fills one batch from the backlog and the queue, waiting until {@code waitUntilNanos} at most, and runs it. */
    private void runBatch(Deque<Request> backlog, float[] buffer, long waitUntilNanos) throws InterruptedException {
        List<Slice> slices = new ArrayList<>();
        int filled = 0;
        while (filled < settings.maxSize()) {
            Request r = backlog.peekFirst();
            if (r == null) {
                long remaining = waitUntilNanos - System.nanoTime();
                r = remaining > 0 ? queue.poll(remaining, TimeUnit.NANOSECONDS) : queue.poll();
                if (r == null) {
                    break;
                }
                backlog.addLast(r);
            }
            if (r.future.isDone()) { // cancelled by its caller
                backlog.removeFirst();
                continue;
            }
            if (r.deadline != null && r.next == 0 && !clock.instant().isBefore(r.deadline)) {
                backlog.removeFirst();
                r.future.completeExceptionally(new Unclassified(Unclassified.LATE, "deadline passed in the queue", null));
                continue;
            }
            int remaining = r.count - r.next;
            int take = Math.min(settings.maxSize() - filled, remaining);
            boolean alone = filled == 0 && backlog.size() == 1 && queue.isEmpty();
            if (alone && remaining > settings.maxSize()) {
                // A frame bigger than a batch with nothing else waiting: split it evenly (45 tiles
                // at 32 -> 23 + 22, not 32 + 13), because a small remainder left alone runs at a
                // fraction of the model's speed.
                int batches = (remaining + settings.maxSize() - 1) / settings.maxSize();
                take = (remaining + batches - 1) / batches;
            }
            slices.add(new Slice(r, r.next, take, filled));
            r.next += take;
            filled += take;
            if (r.next == r.count) {
                backlog.removeFirst();
            } else {
                break; // the batch is full, or holds the evenly split share of a lone frame
            }
        }
        if (filled == 0) {
            return;
        }
        float[] input = buffer;
        if (slices.size() == 1 && slices.get(0).from == 0) {
            input = slices.get(0).request.pixels; // the whole batch is one caller's prefix: no copy
        } else {
            for (Slice s : slices) {
                System.arraycopy(s.request.pixels, s.from * tileFloats, buffer, s.offset * tileFloats, s.count * tileFloats);
            }
        }
        long start = System.nanoTime();
        for (Slice s : slices) {
            s.request.started(start);
        }
        float[] out;
        try {
            out = classifier.classify(new TileBatch(input, filled, inputSize));
            if (out == null || out.length != filled) {
                throw new IllegalStateException("model returned " + (out == null ? "no" : out.length) + " scores for "
                        + filled + " tiles");
            }
        } catch (RuntimeException e) {
            LOG.warn("model call on {} tiles failed: {}", filled, e.toString());
            for (Slice s : slices) {
                s.request.future.completeExceptionally(new Unclassified(Unclassified.MODEL_ERROR, "model failed: " + e, e));
                backlog.remove(s.request);
            }
            return;
        }
        long end = System.nanoTime();
        observer.batch(filled, slices.size(), end - start);
        for (Slice s : slices) {
            System.arraycopy(out, s.offset, s.request.scores, s.from, s.count);
            s.request.scored(s.count, end);
        }
    }

    private void failAll(Deque<Request> backlog) {
        List<Request> rest = new ArrayList<>(backlog);
        queue.drainTo(rest);
        for (Request r : rest) {
            r.future.completeExceptionally(new BatcherClosedException("batcher closed"));
        }
    }

    /** Stops the worker; callers still waiting fail with {@link BatcherClosedException}. */
    @Override
    public void close() {
        closed = true;
        worker.interrupt();
        try {
            worker.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Request> rest = new ArrayList<>();
        queue.drainTo(rest);
        for (Request r : rest) {
            r.future.completeExceptionally(new BatcherClosedException("batcher closed"));
        }
    }

    private record Slice(Request request, int from, int count, int offset) {
    }

    /** One caller's tiles; only the worker thread touches the mutable fields. */
    private static final class Request {
        final float[] pixels;
        final int count;
        final Instant deadline;
        final long submitNanos;
        final float[] scores;
        final CompletableFuture<Scores> future = new CompletableFuture<>();
        int next;
        int done;
        int batches;
        long firstStartNanos = -1;

        Request(float[] pixels, int count, Instant deadline, long submitNanos) {
            this.pixels = pixels;
            this.count = count;
            this.deadline = deadline;
            this.submitNanos = submitNanos;
            this.scores = new float[count];
        }

        void started(long nanos) {
            if (firstStartNanos < 0) {
                firstStartNanos = nanos;
            }
            batches++;
        }

        void scored(int tiles, long endNanos) {
            done += tiles;
            if (done == count) {
                future.complete(new Scores(scores, Duration.ofNanos(firstStartNanos - submitNanos),
                        Duration.ofNanos(endNanos - firstStartNanos), batches));
            }
        }
    }
}

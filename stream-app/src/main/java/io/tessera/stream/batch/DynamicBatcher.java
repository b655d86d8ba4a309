package io.tessera.stream.batch;

import io.tessera.model.Ticker;
import io.tessera.model.TileBatch;
import io.tessera.model.TileClassifier;
import io.tessera.stream.config.BatchSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One per process: coalesces the tiles of concurrent callers (stream threads, frames) into
 * model calls of up to {@code maxSize} tiles, as inference servers do. Callers block in
 * {@link #classify} until their tiles are scored, so a stream thread forwards a frame's verdict
 * before its offset can be committed.
 *
 * <p>Scheduling: queued requests are served earliest deadline first (no deadline last, first
 * come first served among equals). A batch runs as soon as it holds {@code minEfficientSize}
 * tiles (more would not raise throughput, only delay the frames in it); a smaller one waits at
 * most {@code maxWait} from the arrival of its oldest request for more tiles. A request whose
 * deadline has passed never reaches the model (its caller gets {@link Unclassified#LATE}), and a
 * caller that stops waiting takes its request out of the queue at once. The queue holds at most
 * {@code maxQueuedTiles} tiles; beyond that a caller gets {@link Unclassified#OVERLOADED} at once.
 *
 * <p>Faults: a model call that throws, or returns a wrong number of scores or a score that is
 * not a probability, fails the requests in that batch with {@link Unclassified#MODEL_ERROR}. If
 * the worker thread itself dies (an {@link Error} from the model, a bug), every queued caller
 * and every caller until a new worker runs gets {@link Unclassified#MODEL_ERROR} at once, the
 * health turns red and a new worker starts after a backoff; after {@code maxRestarts} deaths
 * without a successful model call in between the batcher gives up ({@link #givenUp()}).
 *
 * <p>The worker runs on a thread of its own, or on a given single-thread executor: the app passes
 * the thread that loaded the model and ran its precision self-check, so the model serves on the
 * thread it was measured on. A restarted worker runs on that executor again.
 *
 * <p>Every duration is read from the injected {@link Ticker}; a deadline, an instant of the
 * injected {@link Clock}, is turned into ticker time when the request is made.
 */
public final class DynamicBatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DynamicBatcher.class);
    /** Longest a waiting thread sleeps before reading the ticker again, so that a ticker moved by hand is noticed. */
    private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long NO_DEADLINE = Long.MAX_VALUE;
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    private final TileClassifier classifier;
    private final BatchSettings settings;
    private final int inputSize;
    private final int tileFloats;
    private final Clock clock;
    private final Ticker ticker;
    private final BatchObserver observer;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Guarded by {@link #lock}. */
    private final PriorityQueue<Request> queue = new PriorityQueue<>(Request.EARLIEST_DEADLINE_FIRST);
    /** Guarded by {@link #lock}: tiles in the queue not yet taken into a batch. */
    private int queuedTiles;
    /** Guarded by {@link #lock}. */
    private long arrivals;
    /** Guarded by {@link #lock}: worker deaths since the last successful model call. */
    private int deathsInARow;
    private final ScheduledExecutorService restarter;
    private final CompletableFuture<String> givenUp = new CompletableFuture<>();
    private volatile boolean closed;
    /** Runs the worker; null for a thread of the batcher's own. */
    private final Executor workerHost;
    private volatile Thread worker;
    /** Completes when the current worker run has ended. */
    private volatile CompletableFuture<Void> workerExit = CompletableFuture.completedFuture(null);
    private volatile String workerDown;
    private volatile String lastModelFault;
    private volatile int restarts;
    /** The slices of the model call in progress; touched only by the worker thread. */
    private volatile List<Slice> inFlight = List.of();
    private volatile RunningCall running = RunningCall.NONE;

    public DynamicBatcher(TileClassifier classifier, BatchSettings settings, int inputSize, Clock clock,
            BatchObserver observer) {
        this(classifier, settings, inputSize, clock, Ticker.systemTicker(), observer);
    }

    public DynamicBatcher(TileClassifier classifier, BatchSettings settings, int inputSize, Clock clock, Ticker ticker,
            BatchObserver observer) {
        this(classifier, settings, inputSize, clock, ticker, observer, null);
    }

    /**
     * @param workerHost a single-thread executor to run the worker on (the thread that loaded the
     *     model), or null for a thread of the batcher's own; the caller shuts it down after {@link #close()}
     */
    public DynamicBatcher(TileClassifier classifier, BatchSettings settings, int inputSize, Clock clock, Ticker ticker,
            BatchObserver observer, Executor workerHost) {
        this.workerHost = workerHost;
        this.classifier = classifier;
        this.settings = settings;
        this.inputSize = inputSize;
        this.tileFloats = inputSize * inputSize * 3;
        this.clock = clock;
        this.ticker = ticker;
        this.observer = observer;
        this.restarter = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tessera-batcher-restarter");
            t.setDaemon(true);
            return t;
        });
        startWorker();
    }

    /** The batcher's own model, which {@link #classify(float[], int, Instant)} uses. */
    public TileClassifier model() {
        return classifier;
    }

    public BatchSettings settings() {
        return settings;
    }

    /** Nothing queued and no model call running: a shadow model may use the CPU now. */
    public boolean idle() {
        lock.lock();
        try {
            return queue.isEmpty() && running == RunningCall.NONE;
        } finally {
            lock.unlock();
        }
    }

    /** Requests waiting for the worker (not counting those whose tiles are all in the running batch): a gauge. */
    public int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Tiles waiting for the worker. */
    public int queuedTiles() {
        lock.lock();
        try {
            return queuedTiles;
        } finally {
            lock.unlock();
        }
    }

    /** What a request made now would wait for: tiles queued and the model call running (admission control). */
    public Backlog backlog() {
        RunningCall call = running;
        int queuedTiles;
        int queuedRequests;
        lock.lock();
        try {
            queuedTiles = this.queuedTiles;
            queuedRequests = queue.size();
        } finally {
            lock.unlock();
        }
        if (call.tiles() == 0) {
            return new Backlog(queuedTiles, queuedRequests, 0, Duration.ZERO);
        }
        return new Backlog(queuedTiles, queuedRequests, call.tiles(),
                Duration.ofNanos(Math.max(0, ticker.read() - call.startNanos())));
    }

    public BatcherHealth health() {
        return new BatcherHealth(workerDown, lastModelFault, restarts);
    }

    /** Why the batcher gave up restarting its worker; null while it has not. */
    public String gaveUp() {
        return givenUp.getNow(null);
    }

    /** Completes with the reason when the batcher gave up restarting its worker; nothing it is asked will be scored. */
    public CompletionStage<String> givenUp() {
        return givenUp.minimalCompletionStage();
    }

    /**
     * Scores {@code count} tiles of {@code inputSize} (NHWC floats), blocking until done.
     *
     * @param deadline when the scores are useless; null for no deadline (then the batch timeout applies)
     * @throws Unclassified when the deadline passes, the model fails or times out, the worker is
     *     down or the queue is full
     * @throws BatcherClosedException when the batcher closes first
     */
    public Scores classify(float[] pixels, int count, Instant deadline) throws Unclassified, InterruptedException {
        return classify(classifier, inputSize, pixels, count, deadline);
    }

    /**
     * As {@link #classify(float[], int, Instant)}, scored by {@code model} (tiles of {@code modelInputSize}
     * pixels a side) instead of the batcher's own: a batch holds one model's tiles only, so while a
     * new model takes over, the frames tiled for the old one are still scored by it.
     */
    public Scores classify(TileClassifier model, int modelInputSize, float[] pixels, int count, Instant deadline)
            throws Unclassified, InterruptedException {
        long floatsPerTile = (long) modelInputSize * modelInputSize * 3;
        if (count <= 0 || pixels.length < count * floatsPerTile) {
            throw new IllegalArgumentException(count + " tiles need " + count * floatsPerTile + " floats, got " + pixels.length);
        }
        if (closed) {
            throw new BatcherClosedException("batcher is closed");
        }
        long now = ticker.read();
        long waitNanos = settings.timeout().toNanos();
        String timeoutReason = Unclassified.MODEL_TIMEOUT;
        long deadlineNanos = NO_DEADLINE;
        if (deadline != null) {
            long left = nanosBetween(clock.instant(), deadline);
            if (left <= 0) {
                throw new Unclassified(Unclassified.LATE, "deadline passed before the frame was queued", null);
            }
            deadlineNanos = now + left;
            if (left < waitNanos) {
                waitNanos = left;
                timeoutReason = Unclassified.LATE;
            }
        }
        Request request = new Request(model, modelInputSize, pixels, count, deadlineNanos, now);
        enqueue(request);
        try {
            return await(request, now + waitNanos, timeoutReason, waitNanos);
        } catch (InterruptedException e) {
            withdraw(request);
            throw e;
        }
    }

    private static long nanosBetween(Instant from, Instant to) {
        try {
            return Duration.between(from, to).toNanos();
        } catch (ArithmeticException e) {
            return from.isBefore(to) ? Long.MAX_VALUE / 2 : Long.MIN_VALUE / 2;
        }
    }

    private void enqueue(Request request) throws Unclassified {
        lock.lock();
        try {
            if (closed) {
                throw new BatcherClosedException("batcher is closed");
            }
            if (workerDown != null) {
                throw new Unclassified(Unclassified.MODEL_ERROR, "the batcher's worker is down: " + workerDown, null);
            }
            if (!queue.isEmpty() && queuedTiles + request.count > settings.maxQueuedTiles()) {
                throw new Unclassified(Unclassified.OVERLOADED, queuedTiles + " tiles already wait for the model and "
                        + request.count + " more would pass batch.max-queued-tiles (" + settings.maxQueuedTiles() + ")", null);
            }
            request.arrival = arrivals++;
            queue.add(request);
            queuedTiles += request.count;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private Scores await(Request request, long giveUpAtNanos, String timeoutReason, long waitNanos)
            throws Unclassified, InterruptedException {
        for (long left = giveUpAtNanos - ticker.read(); left > 0; left = giveUpAtNanos - ticker.read()) {
            try {
                return request.future.get(Math.min(left, RECHECK_NANOS), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                // read the ticker again
            } catch (ExecutionException e) {
                return rethrow(e);
            }
        }
        if (withdraw(request)) {
            throw new Unclassified(timeoutReason, "no scores within " + TimeUnit.NANOSECONDS.toMillis(waitNanos) + " ms", null);
        }
        try {
            return request.future.get(); // completed just before it could be withdrawn
        } catch (ExecutionException e) {
            return rethrow(e);
        }
    }

    /** Takes a request out of the queue at once; false when it had already completed. */
    private boolean withdraw(Request request) {
        lock.lock();
        try {
            if (!request.future.cancel(false)) {
                return false;
            }
            if (queue.remove(request)) {
                queuedTiles -= request.count - request.next;
            }
            return true;
        } finally {
            lock.unlock();
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

    private void startWorker() {
        CompletableFuture<Void> exit = new CompletableFuture<>();
        workerExit = exit;
        if (workerHost != null) {
            workerHost.execute(() -> work(exit));
            return;
        }
        Thread t = new Thread(() -> work(exit), "tessera-batcher");
        t.setDaemon(true);
        worker = t;
        t.start();
    }

    private void work(CompletableFuture<Void> exit) {
        worker = Thread.currentThread();
        try {
            work();
        } finally {
            exit.complete(null);
        }
    }

    private void work() {
        Throwable cause = null;
        try {
            float[] buffer = new float[settings.maxSize() * tileFloats];
            while (!closed) {
                List<Slice> batch = nextBatch();
                if (batch != null) {
                    buffer = run(batch, buffer);
                }
            }
        } catch (InterruptedException e) {
            if (!closed) {
                cause = e;
            }
        } catch (Throwable t) { // the worker must never end unnoticed
            cause = t;
        } finally {
            workerEnded(cause);
        }
    }

    /** Waits for a batch worth running and takes it from the queue; null when closed. */
    private List<Slice> nextBatch() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (!closed) {
                long now = ticker.read();
                dropExpired(now);
                if (queue.isEmpty()) {
                    changed.await();
                    continue;
                }
                long windowEnds = oldestArrival() + settings.maxWait().toNanos();
                if (queuedTiles >= settings.minEfficientSize() || now - windowEnds >= 0) {
                    return take();
                }
                changed.awaitNanos(Math.min(windowEnds - now, RECHECK_NANOS));
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** Requests not yet started whose deadline has passed get LATE without costing model time. */
    private void dropExpired(long now) {
        queue.removeIf(r -> {
            if (r.next == 0 && r.deadlineNanos != NO_DEADLINE && now - r.deadlineNanos >= 0) {
                queuedTiles -= r.count;
                r.future.completeExceptionally(new Unclassified(Unclassified.LATE, "deadline passed in the queue", null));
                return true;
            }
            return false;
        });
    }

    private long oldestArrival() {
        long oldest = Long.MAX_VALUE;
        boolean any = false;
        for (Request r : queue) {
            if (!any || r.submitNanos - oldest < 0) {
                oldest = r.submitNanos;
                any = true;
            }
        }
        return oldest;
    }

    /** Fills one batch in earliest-deadline order; stops once it saturates the model. */
    private List<Slice> take() {
        List<Slice> slices = new ArrayList<>();
        int filled = 0;
        while (filled < settings.maxSize() && filled < settings.minEfficientSize() && !queue.isEmpty()) {
            Request r = queue.peek();
            if (!slices.isEmpty() && r.model != slices.get(0).request.model) {
                break; // one model per batch: the next model's tiles go in the next batch
            }
            int remaining = r.count - r.next;
            int take = Math.min(settings.maxSize() - filled, remaining);
            if (filled == 0 && queue.size() == 1 && remaining > settings.maxSize()) {
                // A frame bigger than a batch with nothing else waiting: split it evenly (45 tiles
                // at 32 -> 23 + 22, not 32 + 13), because a small remainder left alone runs at a
                // fraction of the model's speed.
                int batches = (remaining + settings.maxSize() - 1) / settings.maxSize();
                take = (remaining + batches - 1) / batches;
            }
            slices.add(new Slice(r, r.next, take, filled));
            r.next += take;
            filled += take;
            queuedTiles -= take;
            if (r.next == r.count) {
                queue.poll();
            } else {
                break; // the batch is full, or holds the evenly split share of a lone frame
            }
        }
        return slices;
    }

    private float[] run(List<Slice> slices, float[] buffer) {
        int filled = 0;
        for (Slice s : slices) {
            filled += s.count;
        }
        Request first = slices.get(0).request;
        int floats = first.tileFloats;
        float[] input = buffer;
        if (slices.size() == 1 && slices.get(0).from == 0) {
            input = first.pixels; // the whole batch is one caller's prefix: no copy
        } else {
            if (buffer.length < filled * floats) {
                buffer = new float[settings.maxSize() * floats]; // a model with bigger inputs took over
                input = buffer;
            }
            for (Slice s : slices) {
                System.arraycopy(s.request.pixels, s.from * floats, buffer, s.offset * floats, s.count * floats);
            }
        }
        inFlight = slices;
        long start = ticker.read();
        running = new RunningCall(filled, start);
        for (Slice s : slices) {
            s.request.started(start);
        }
        float[] out;
        String fault;
        try {
            out = first.model.classify(new TileBatch(input, filled, first.inputSize));
            fault = ScoreCheck.problem(out, filled);
        } catch (Exception e) { // any failure of the model call is the model's, never the frame's
            out = null;
            fault = "model call failed: " + e;
        }
        long end = ticker.read();
        if (fault != null) {
            modelFailed(slices, filled, fault);
        } else {
            modelSucceeded();
            observer.batch(filled, slices.size(), end - start);
            for (Slice s : slices) {
                System.arraycopy(out, s.offset, s.request.scores, s.from, s.count);
                s.request.scored(s.count, end);
            }
        }
        running = RunningCall.NONE;
        inFlight = List.of();
        return buffer;
    }

    private void modelSucceeded() {
        lastModelFault = null;
        lock.lock();
        try {
            deathsInARow = 0;
        } finally {
            lock.unlock();
        }
    }

    private void modelFailed(List<Slice> slices, int tiles, String fault) {
        LOG.warn("model call on {} tiles failed; its frames get UNKNOWN model-error: {}", tiles, fault);
        lastModelFault = fault;
        observer.modelFailed(tiles, fault);
        Set<Request> requests = new LinkedHashSet<>();
        for (Slice s : slices) {
            requests.add(s.request);
        }
        lock.lock();
        try {
            for (Request r : requests) {
                if (queue.remove(r)) { // the rest of a frame split across batches is not worth scoring
                    queuedTiles -= r.count - r.next;
                }
                r.future.completeExceptionally(new Unclassified(Unclassified.MODEL_ERROR, fault, null));
            }
        } finally {
            lock.unlock();
        }
    }

    private void workerEnded(Throwable cause) {
        List<Request> victims = new ArrayList<>();
        boolean restarting = false;
        String why = cause == null ? "the worker stopped" : cause.toString();
        long backoffMs = 0;
        lock.lock();
        try {
            for (Slice s : inFlight) {
                victims.add(s.request);
            }
            victims.addAll(queue);
            queue.clear();
            queuedTiles = 0;
            if (closed) {
                for (Request r : victims) {
                    r.future.completeExceptionally(new BatcherClosedException("batcher closed"));
                }
                return;
            }
            workerDown = why;
            deathsInARow++;
            restarting = deathsInARow <= settings.maxRestarts();
            if (restarting) {
                backoffMs = backoff(deathsInARow).toMillis();
                restarter.schedule(this::restart, backoffMs, TimeUnit.MILLISECONDS);
            }
        } finally {
            lock.unlock();
        }
        running = RunningCall.NONE;
        inFlight = List.of();
        observer.workerDied(cause, restarting);
        for (Request r : victims) {
            r.future.completeExceptionally(new Unclassified(Unclassified.MODEL_ERROR, "the batcher's worker died: " + why, cause));
        }
        if (restarting) {
            LOG.error("batcher worker died ({} frame(s) get UNKNOWN model-error); restarting it in {} ms", victims.size(),
                    backoffMs, cause);
        } else {
            String message = "the batcher's worker died " + deathsInARow + " time(s) without a successful model call in "
                    + "between (last: " + why + "); giving up after batch.worker-max-restarts=" + settings.maxRestarts();
            LOG.error(message, cause);
            givenUp.complete(message);
        }
    }

    private Duration backoff(int death) {
        Duration d = settings.restartBackoff();
        for (int i = 1; i < death && d.compareTo(MAX_BACKOFF) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }

    private void restart() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            restarts++;
            // Counted before health turns green again, so whoever sees the worker alive also
            // sees the restart counted (the observer only bumps a meter).
            observer.workerRestarted();
            workerDown = null;
            startWorker();
        } finally {
            lock.unlock();
        }
        LOG.info("batcher worker restarted (restart {})", restarts);
    }

    /** Stops the worker; callers still waiting fail with {@link BatcherClosedException}. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        restarter.shutdownNow();
        Thread w = worker;
        if (w != null) {
            w.interrupt();
        }
        try {
            workerExit.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("the batcher's worker did not stop within 10 s");
        }
        List<Request> rest = new ArrayList<>();
        lock.lock();
        try {
            rest.addAll(queue);
            queue.clear();
            queuedTiles = 0;
        } finally {
            lock.unlock();
        }
        for (Request r : rest) {
            r.future.completeExceptionally(new BatcherClosedException("batcher closed"));
        }
    }

    private record Slice(Request request, int from, int count, int offset) {
    }

    /** The model call in progress: its tiles and when it started (ticker time). */
    private record RunningCall(int tiles, long startNanos) {
        static final RunningCall NONE = new RunningCall(0, 0);
    }

    /** One caller's tiles; the mutable fields are touched under the lock or by the worker thread only. */
    private static final class Request {
        static final Comparator<Request> EARLIEST_DEADLINE_FIRST = (a, b) -> {
            if (a.deadlineNanos != b.deadlineNanos) {
                if (a.deadlineNanos == NO_DEADLINE || b.deadlineNanos == NO_DEADLINE) {
                    return a.deadlineNanos == NO_DEADLINE ? 1 : -1;
                }
                return Long.signum(a.deadlineNanos - b.deadlineNanos);
            }
            return Long.compare(a.arrival, b.arrival);
        };

        final TileClassifier model;
        final int inputSize;
        final int tileFloats;
        final float[] pixels;
        final int count;
        final long deadlineNanos;
        final long submitNanos;
        final float[] scores;
        final CompletableFuture<Scores> future = new CompletableFuture<>();
        long arrival;
        int next;
        int done;
        int batches;
        long firstStartNanos;
        boolean started;

        Request(TileClassifier model, int inputSize, float[] pixels, int count, long deadlineNanos, long submitNanos) {
            this.model = model;
            this.inputSize = inputSize;
            this.tileFloats = inputSize * inputSize * 3;
            this.pixels = pixels;
            this.count = count;
            this.deadlineNanos = deadlineNanos;
            this.submitNanos = submitNanos;
            this.scores = new float[count];
        }

        void started(long nanos) {
            if (!started) {
                started = true;
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

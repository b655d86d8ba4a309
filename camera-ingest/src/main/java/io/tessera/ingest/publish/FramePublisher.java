package io.tessera.ingest.publish;

import io.tessera.ingest.CapturedFrame;
import io.tessera.ingest.IngestException;
import io.tessera.ingest.source.FrameSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one source into a sink at a {@link Pace} until the source ends, a frame or time limit is
 * reached, or {@link #close()} is called. Frames that go out later than the pace allows are
 * sent anyway and counted as late (never dropped). The first failed send stops the run with
 * that error. On the way out everything accepted is flushed.
 *
 * <p>Run it on a thread of your own ({@link #run()}) or let it start one ({@link #start()}).
 */
public final class FramePublisher implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FramePublisher.class);
    private static final Duration MAX_WAIT_SLICE = Duration.ofMillis(250);

    private final FrameSource source;
    private final FrameSink sink;
    private final Pace pace;
    private final Clock clock;
    private final Waiter waiter;
    private final IngestStats stats;
    private final long maxFrames;
    private final Duration duration;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicReference<Thread> runner = new AtomicReference<>();
    private volatile boolean stopRequested;
    private volatile long framesSent;

    private FramePublisher(Builder b) {
        this.source = Objects.requireNonNull(b.source, "source");
        this.sink = Objects.requireNonNull(b.sink, "sink");
        this.pace = Objects.requireNonNull(b.pace, "pace");
        this.clock = Objects.requireNonNull(b.clock, "clock");
        this.waiter = b.waiter == null ? Waiter.system() : b.waiter;
        this.stats = b.stats == null ? new IngestStats() : b.stats;
        this.maxFrames = b.maxFrames;
        this.duration = b.duration;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts {@link #run()} on a new thread named after the source. */
    public FramePublisher start() {
        Thread t = new Thread(() -> {
            try {
                run();
            } catch (RuntimeException e) {
                // already recorded and logged; await() reports it to the owner
            }
        }, "publish " + source.describe());
        t.setDaemon(true);
        t.start();
        return this;
    }

    @Override
    public void run() {
        if (!runner.compareAndSet(null, Thread.currentThread())) {
            throw new IllegalStateException("a publisher runs once");
        }
        try {
            publishAll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
        } finally {
            try {
                sink.flush();
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            }
            finished.countDown();
        }
        Throwable error = failure.get();
        if (error != null) {
            LOG.error("{} -> {} stopped: {}", source.describe(), sink.describe(), error.getMessage());
            if (error instanceof RuntimeException re) {
                throw re;
            }
            throw new IngestException(source.describe() + " failed: " + error, error);
        }
    }

    private void publishAll() throws Exception {
        Instant start = clock.instant();
        Instant end = duration == null ? null : start.plus(duration);
        Pace.Schedule schedule = pace.start(start);
        Duration tolerance = pace.lateTolerance();
        long index = 0;
        while (!stopRequested && failure.get() == null && (maxFrames <= 0 || index < maxFrames)) {
            Optional<CapturedFrame> next = source.next();
            if (next.isEmpty()) {
                LOG.info("{} has no more frames", source.describe());
                return;
            }
            CapturedFrame frame = next.get();
            Instant due = schedule.due(index, frame);
            // Both checks: a paced frame due after the end is not sent; an unpaced run (always due) ends on the clock.
            if (end != null && (!due.isBefore(end) || !clock.instant().isBefore(end))) {
                return;
            }
            if (!waitUntil(due)) {
                return;
            }
            Instant now = clock.instant();
            Duration lateness = Duration.between(due, now);
            if (lateness.compareTo(tolerance) > 0) {
                stats.frameLate(lateness);
            }
            if (source.stampCaptureTime()) {
                frame = frame.withCaptureTime(due);
            }
            send(frame);
            index++;
            framesSent = index;
        }
    }

    private void send(CapturedFrame frame) {
        int bytes = frame.sizeBytes();
        long sentAt = System.nanoTime();
        sink.send(frame, error -> {
            if (error == null) {
                stats.frameAcked(bytes, System.nanoTime() - sentAt);
            } else {
                stats.frameFailed();
                failure.compareAndSet(null, error);
                waiter.wake();
            }
        });
        stats.frameAccepted();
    }

    /** Waits until {@code due} on the injected clock; false when stopped meanwhile. */
    private boolean waitUntil(Instant due) throws InterruptedException {
        while (!stopRequested && failure.get() == null) {
            Duration left = Duration.between(clock.instant(), due);
            if (left.isNegative() || left.isZero()) {
                return true;
            }
            // Short slices: a stop() that lands just before a long wait (a gap in a recording) still ends it promptly.
            waiter.await(left.compareTo(MAX_WAIT_SLICE) > 0 ? MAX_WAIT_SLICE : left);
        }
        return false;
    }

    /** Frames handed to the sink so far. */
    public long framesSent() {
        return framesSent;
    }

    public IngestStats stats() {
        return stats;
    }

    public FrameSource source() {
        return source;
    }

    /** Asks the run to stop after the frame in hand; returns at once. */
    public void stop() {
        stopRequested = true;
        waiter.wake();
    }

    /**
     * Waits for the run to end (source exhausted, limit reached or stopped) and flushed.
     *
     * @throws IngestException when it ended with an error
     */
    public void await() throws InterruptedException {
        finished.await();
        Throwable error = failure.get();
        if (error instanceof IngestException ie) {
            throw ie;
        }
        if (error != null) {
            throw new IngestException(source.describe() + " failed: " + error, error);
        }
    }

    public boolean isFinished() {
        return finished.getCount() == 0;
    }

    /** Stops, waits until what was accepted is flushed, and closes the source. */
    @Override
    public void close() {
        stop();
        try {
            if (runner.get() != null) {
                finished.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            source.close();
        }
    }

    public static final class Builder {
        private FrameSource source;
        private FrameSink sink;
        private Pace pace = Pace.fixedRate(30);
        private Clock clock = Clock.systemUTC();
        private Waiter waiter;
        private IngestStats stats;
        private long maxFrames;
        private Duration duration;

        public Builder source(FrameSource value) {
            this.source = value;
            return this;
        }

        public Builder sink(FrameSink value) {
            this.sink = value;
            return this;
        }

        public Builder pace(Pace value) {
            this.pace = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /** How to wait between frames; tests pass one that advances their manual clock. */
        public Builder waiter(Waiter value) {
            this.waiter = value;
            return this;
        }

        /** Counters to add to (share one among the publishers of a run). */
        public Builder stats(IngestStats value) {
            this.stats = value;
            return this;
        }

        /** Stop after this many frames; 0 for no limit. */
        public Builder maxFrames(long value) {
            if (value < 0) {
                throw new IllegalArgumentException("max frames must be >= 0, got " + value);
            }
            this.maxFrames = value;
            return this;
        }

        /** Stop after this long (frames due later are not sent); null for no limit. */
        public Builder duration(Duration value) {
            if (value != null && (value.isNegative() || value.isZero())) {
                throw new IllegalArgumentException("duration must be positive, got " + value);
            }
            this.duration = value;
            return this;
        }

        public FramePublisher build() {
            return new FramePublisher(this);
        }
    }
}

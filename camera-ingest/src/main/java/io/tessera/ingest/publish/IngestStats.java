package io.tessera.ingest.publish;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counters of one ingest run, shared by all its publishers (thread-safe). Send latency is the
 * time from handing a frame to the producer until the broker acknowledged it.
 */
public final class IngestStats {
    private final LongAdder accepted = new LongAdder();
    private final LongAdder acked = new LongAdder();
    private final LongAdder bytesAcked = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder late = new LongAdder();
    private final AtomicLong maxLatenessMicros = new AtomicLong();
    private final Recorder latency = new Recorder(3);
    private final Histogram totalLatency = new Histogram(3);
    private Histogram lastInterval;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    /** Told of every event as it happens, for metrics that must not disturb the status line's intervals. */
    public interface Listener {
        void accepted();

        void late(Duration lateness);

        void acked(int bytes, long latencyNanos);

        void failed();
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    void frameAccepted() {
        accepted.increment();
        listeners.forEach(Listener::accepted);
    }

    void frameLate(Duration lateness) {
        late.increment();
        maxLatenessMicros.accumulateAndGet(lateness.toNanos() / 1000, Math::max);
        listeners.forEach(l -> l.late(lateness));
    }

    void frameAcked(int bytes, long latencyNanos) {
        acked.increment();
        bytesAcked.add(bytes);
        latency.recordValue(Math.max(1, latencyNanos / 1000));
        listeners.forEach(l -> l.acked(bytes, latencyNanos));
    }

    void frameFailed() {
        failed.increment();
        listeners.forEach(Listener::failed);
    }

    /** Totals so far; the latency figures cover the time since the previous snapshot and the whole run. */
    public synchronized IngestSnapshot snapshot(long nanoTime) {
        lastInterval = latency.getIntervalHistogram(lastInterval);
        totalLatency.add(lastInterval);
        return new IngestSnapshot(nanoTime, accepted.sum(), acked.sum(), bytesAcked.sum(), failed.sum(), late.sum(),
                Duration.ofNanos(maxLatenessMicros.get() * 1000),
                micros(lastInterval, 50), micros(lastInterval, 99),
                micros(totalLatency, 50), micros(totalLatency, 99), micros(totalLatency, 100));
    }

    private static Duration micros(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Duration.ZERO : Duration.ofNanos(h.getValueAtPercentile(percentile) * 1000);
    }
}

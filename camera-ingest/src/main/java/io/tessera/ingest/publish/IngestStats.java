package io.tessera.ingest.publish;

import java.time.Duration;
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

    void frameAccepted() {
        accepted.increment();
    }

    void frameLate(Duration lateness) {
        late.increment();
        maxLatenessMicros.accumulateAndGet(lateness.toNanos() / 1000, Math::max);
    }

    void frameAcked(int bytes, long latencyNanos) {
        acked.increment();
        bytesAcked.add(bytes);
        latency.recordValue(Math.max(1, latencyNanos / 1000));
    }

    void frameFailed() {
        failed.increment();
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

package io.tessera.ingest.publish;

import java.time.Duration;
import java.util.Locale;

/**
 * Counters at one instant. {@code intervalP50/P99} cover the send latency since the previous
 * snapshot, {@code p50/p99/max} the whole run.
 *
 * @param nanoTime {@link System#nanoTime()} when taken, for rates between two snapshots
 */
public record IngestSnapshot(
        long nanoTime,
        long accepted,
        long acked,
        long bytesAcked,
        long failed,
        long late,
        Duration maxLateness,
        Duration intervalP50,
        Duration intervalP99,
        Duration p50,
        Duration p99,
        Duration max) {

    /** Frames accepted by the producer but not acknowledged (nor failed) yet. */
    public long inFlight() {
        return accepted - acked - failed;
    }

    /** One status line of the rates between {@code earlier} and this snapshot. */
    public String statusLine(IngestSnapshot earlier) {
        double seconds = Math.max(1e-9, (nanoTime - earlier.nanoTime) / 1e9);
        return String.format(Locale.ROOT,
                "%6.1f frames/s %7.1f MB/s | send p50 %5.1f ms p99 %6.1f ms | sent %d late %d failed %d in flight %d",
                (acked - earlier.acked) / seconds, (bytesAcked - earlier.bytesAcked) / seconds / 1e6,
                intervalP50.toNanos() / 1e6, intervalP99.toNanos() / 1e6, acked, late, failed, inFlight());
    }

    /** A summary of a whole run of {@code elapsed}. */
    public String summary(Duration elapsed) {
        double seconds = Math.max(1e-9, elapsed.toNanos() / 1e9);
        return String.format(Locale.ROOT,
                "%d frames, %.1f MB in %.1f s: %.1f frames/s, %.1f MB/s; send latency p50 %.1f ms, p99 %.1f ms, max %.1f ms;"
                        + " late %d (worst %.1f ms), failed %d",
                acked, bytesAcked / 1e6, seconds, acked / seconds, bytesAcked / seconds / 1e6,
                p50.toNanos() / 1e6, p99.toNanos() / 1e6, max.toNanos() / 1e6, late, maxLateness.toNanos() / 1e6, failed);
    }
}

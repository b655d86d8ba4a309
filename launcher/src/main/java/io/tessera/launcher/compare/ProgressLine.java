package io.tessera.launcher.compare;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress of a replay on stderr: a line at most every five seconds and one at the end, whole
 * lines rather than carriage returns, so that a CI log stays readable.
 */
final class ProgressLine implements RecordingComparer.Progress {
    private static final long EVERY_NANOS = 5_000_000_000L;

    private final PrintWriter err;
    private final long start = System.nanoTime();
    private long last = start;

    ProgressLine(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void frameDone(int done, int total) {
        long now = System.nanoTime();
        if (done < total && now - last < EVERY_NANOS) {
            return;
        }
        last = now;
        double seconds = (now - start) / 1e9;
        err.printf(Locale.ROOT, "  %d/%d frames through both models, %.1f s (%.2f frames/s)%n", done, total, seconds,
                done / Math.max(seconds, 1e-9));
        err.flush();
    }
}

package io.tessera.ingest.cli;

import io.tessera.ingest.publish.IngestSnapshot;
import io.tessera.ingest.publish.IngestStats;
import io.tessera.ingest.source.FrameSource;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Prints the live status of a run every interval: frames/s and MB/s acknowledged, send latency,
 * frames late, failed and in flight, inputs skipped and reconnections. On a terminal the line
 * is redrawn in place; otherwise (logs, CI) one line per interval.
 */
final class StatusLine implements AutoCloseable {
    private final ScheduledExecutorService timer;
    private final IngestStats stats;
    private final PrintWriter out;
    private final boolean inPlace;
    private final AtomicReference<IngestSnapshot> previous = new AtomicReference<>();
    private final long started = System.nanoTime();

    private StatusLine(IngestStats stats, List<? extends FrameSource> sources, Duration interval, PrintWriter out) {
        this.stats = stats;
        this.out = out;
        this.inPlace = System.console() != null;
        this.previous.set(stats.snapshot(started));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "status-line");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(() -> print(sources), interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts printing, or prints nothing when {@code interval} is zero. */
    static StatusLine start(IngestStats stats, List<? extends FrameSource> sources, Duration interval, PrintWriter out) {
        return interval.isZero() ? null : new StatusLine(stats, sources, interval, out);
    }

    private void print(List<? extends FrameSource> sources) {
        IngestSnapshot now = stats.snapshot(System.nanoTime());
        IngestSnapshot before = previous.getAndSet(now);
        long skipped = sources.stream().mapToLong(FrameSource::skippedInputs).sum();
        long reconnects = sources.stream().mapToLong(FrameSource::reconnects).sum();
        String line = now.statusLine(before) + (skipped > 0 ? " skipped " + skipped : "")
                + (reconnects > 0 ? " reconnects " + reconnects : "");
        if (inPlace) {
            out.print("\r" + line + "   ");
        } else {
            out.println(line);
        }
        out.flush();
    }

    static String summary(IngestStats stats, List<? extends FrameSource> sources, Duration elapsed) {
        long skipped = sources.stream().mapToLong(FrameSource::skippedInputs).sum();
        long reconnects = sources.stream().mapToLong(FrameSource::reconnects).sum();
        return stats.snapshot(System.nanoTime()).summary(elapsed) + "; skipped inputs " + skipped + ", reconnections " + reconnects;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        if (inPlace) {
            out.println();
        }
    }
}

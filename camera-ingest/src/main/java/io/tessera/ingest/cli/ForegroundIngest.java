package io.tessera.ingest.cli;

import io.tessera.ingest.IngestException;
import io.tessera.ingest.metrics.MetricsEndpoint;
import io.tessera.ingest.metrics.MetricsOptions;
import io.tessera.ingest.publish.FrameSink;
import io.tessera.ingest.publish.IngestRun;
import io.tessera.ingest.publish.Pace;
import io.tessera.ingest.source.FrameSource;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An {@link IngestRun} in the foreground of a terminal, as {@code ingest} and {@code replay} run it:
 * a live status line, optional Prometheus metrics; on Ctrl-C stop, flush what was accepted and
 * print the summary before the JVM exits.
 */
final class ForegroundIngest {
    private ForegroundIngest() {
    }

    /** Returns the exit code: 0 when every frame was acknowledged, 1 on a failure (printed). */
    static int run(List<? extends FrameSource> sources, FrameSink sink, Pace pace, Duration duration, long maxFrames,
                   Duration statusInterval, PrintWriter out, PrintWriter err) {
        return run(sources, sink, pace, duration, maxFrames, statusInterval, null, out, err);
    }

    /** As above, serving the run's Prometheus metrics when {@code metrics} asks for it (may be null). */
    static int run(List<? extends FrameSource> sources, FrameSink sink, Pace pace, Duration duration, long maxFrames,
                   Duration statusInterval, MetricsOptions metrics, PrintWriter out, PrintWriter err) {
        long started = System.nanoTime();
        CountDownLatch done = new CountDownLatch(1);
        IngestRun run = IngestRun.start(sources, sink, pace, Clock.systemUTC(), duration, maxFrames);
        Optional<MetricsEndpoint> endpoint;
        try {
            endpoint = metrics == null ? Optional.empty() : metrics.start(run.stats());
        } catch (RuntimeException e) {
            run.close();
            throw e;
        }
        Thread hook = new Thread(() -> {
            run.stop();
            try {
                done.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ingest-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        StatusLine status = StatusLine.start(run.stats(), sources, statusInterval, err);
        try {
            run.await();
            return 0;
        } catch (IngestException e) {
            err.println();
            err.println("error: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            run.close();
            endpoint.ifPresent(MetricsEndpoint::close);
            if (status != null) {
                status.close();
            }
            out.println(StatusLine.summary(run.stats(), sources, Duration.ofNanos(System.nanoTime() - started)));
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down (Ctrl-C): the hook is running
            }
        }
    }
}

package io.tessera.ingest.cli;

import io.tessera.ingest.IngestException;
import io.tessera.ingest.metrics.MetricsEndpoint;
import io.tessera.ingest.metrics.MetricsOptions;
import io.tessera.ingest.publish.FramePublisher;
import io.tessera.ingest.publish.FrameSink;
import io.tessera.ingest.publish.IngestRun;
import io.tessera.ingest.publish.IngestStats;
import io.tessera.ingest.publish.Pace;
import io.tessera.ingest.source.FrameSource;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What {@code ingest} and {@code replay} share: run sources into a sink with a live status line;
 * on Ctrl-C stop, flush what was accepted and print the summary before the JVM exits.
 */
final class PublishRun {
    private PublishRun() {
    }

    /** Returns the exit code: 0 when every frame was acknowledged, 1 on a failure (printed). */
    static int run(List<? extends FrameSource> sources, FrameSink sink, Pace pace, Duration duration, long maxFrames,
                   Duration statusInterval, PrintWriter out, PrintWriter err) {
        return run(sources, sink, pace, duration, maxFrames, statusInterval, null, out, err);
    }

    /** As above, serving the run's Prometheus metrics when {@code metrics} asks for it (may be null). */
    static int run(List<? extends FrameSource> sources, FrameSink sink, Pace pace, Duration duration, long maxFrames,
                   Duration statusInterval, MetricsOptions metrics, PrintWriter out, PrintWriter err) {
        IngestStats stats = new IngestStats();
        Optional<MetricsEndpoint> endpoint = metrics == null ? Optional.empty() : metrics.start(stats);
        List<FramePublisher> publishers = new ArrayList<>();
        for (FrameSource source : sources) {
            publishers.add(FramePublisher.builder().source(source).sink(sink).pace(pace).clock(Clock.systemUTC())
                    .stats(stats).duration(duration).maxFrames(maxFrames).build());
        }
        long started = System.nanoTime();
        CountDownLatch done = new CountDownLatch(1);
        IngestRun run = IngestRun.start(publishers, stats);
        Thread hook = new Thread(() -> {
            run.stop();
            try {
                done.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ingest-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        StatusLine status = StatusLine.start(stats, sources, statusInterval, err);
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
            out.println(StatusLine.summary(stats, sources, Duration.ofNanos(System.nanoTime() - started)));
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down (Ctrl-C): the hook is running
            }
        }
    }
}

package io.tessera.ingest.publish;

import io.tessera.ingest.IngestException;
import io.tessera.ingest.source.FrameSource;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Several sources published at once into one sink, one publisher thread per source (a camera, a
 * recording), sharing one {@link IngestStats}. This is the one place that assembles publishers:
 * the {@code ingest} and {@code replay} commands, the demo and the benchmarks all start an
 * {@code IngestRun}. Closing stops them all and waits until what they sent is flushed.
 */
public final class IngestRun implements AutoCloseable {
    private final List<FramePublisher> publishers;
    private final IngestStats stats;

    private IngestRun(List<FramePublisher> publishers, IngestStats stats) {
        this.publishers = List.copyOf(publishers);
        this.stats = stats;
    }

    /**
     * Starts one publisher per source into {@code sink}, each on its own thread. Simulated cameras
     * should be pre-rendered first ({@code LineSimulator.prerender()}) so the first frames are not late.
     *
     * @param duration          how long to publish; null for no limit
     * @param maxFramesPerSource 0 for no limit
     */
    public static IngestRun start(List<? extends FrameSource> sources, FrameSink sink, Pace pace, Clock clock,
                                  Duration duration, long maxFramesPerSource) {
        IngestStats stats = new IngestStats();
        List<FramePublisher> started = new ArrayList<>();
        for (FrameSource source : sources) {
            started.add(FramePublisher.builder().source(source).sink(sink).pace(pace).clock(clock).stats(stats)
                    .duration(duration).maxFrames(maxFramesPerSource).build().start());
        }
        return new IngestRun(started, stats);
    }

    /**
     * As {@link #start}, with the sources' frames spread evenly over each period
     * ({@link Pace.FixedRate#staggered}) instead of all due at the same instants.
     */
    public static IngestRun startStaggered(List<? extends FrameSource> sources, FrameSink sink, Pace.FixedRate pace, Clock clock,
                                           Duration duration, long maxFramesPerSource) {
        IngestStats stats = new IngestStats();
        List<FramePublisher> started = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            started.add(FramePublisher.builder().source(sources.get(i)).sink(sink).pace(pace.staggered(i, sources.size()))
                    .clock(clock).stats(stats).duration(duration).maxFrames(maxFramesPerSource).build().start());
        }
        return new IngestRun(started, stats);
    }

    public IngestStats stats() {
        return stats;
    }

    public List<FramePublisher> publishers() {
        return publishers;
    }

    public boolean isFinished() {
        return publishers.stream().allMatch(FramePublisher::isFinished);
    }

    /** Waits until every publisher ended; rethrows the first failure, after all have ended. */
    public void await() throws InterruptedException {
        IngestException first = null;
        for (FramePublisher p : publishers) {
            try {
                p.await();
            } catch (IngestException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Asks every publisher to stop; returns at once. */
    public void stop() {
        publishers.forEach(FramePublisher::stop);
    }

    @Override
    public void close() {
        stop();
        publishers.forEach(FramePublisher::close);
    }
}

package io.tessera.ingest.publish;

import io.tessera.ingest.IngestException;
import java.util.ArrayList;
import java.util.List;

/**
 * Several publishers running at once (one per camera), sharing one {@link IngestStats}.
 * Closing stops them all and waits until what they sent is flushed.
 */
public final class IngestRun implements AutoCloseable {
    private final List<FramePublisher> publishers;
    private final IngestStats stats;

    private IngestRun(List<FramePublisher> publishers, IngestStats stats) {
        this.publishers = List.copyOf(publishers);
        this.stats = stats;
    }

    /** Starts each publisher on its own thread. They must share {@code stats}. */
    public static IngestRun start(List<FramePublisher> publishers, IngestStats stats) {
        List<FramePublisher> started = new ArrayList<>();
        for (FramePublisher p : publishers) {
            started.add(p.start());
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

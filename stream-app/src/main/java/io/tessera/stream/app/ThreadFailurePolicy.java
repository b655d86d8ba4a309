package io.tessera.stream.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

/**
 * What to do when a stream thread dies. A replacement thread processes the same records again
 * (under exactly-once nothing is lost or doubled), which cures a passing fault but loops forever
 * on a permanent one. So: replace at most {@code maxReplacements} times within {@code window},
 * then stop the client with a message; and never replace after an {@link OutOfMemoryError},
 * which would only meet the same frame with the same heap.
 */
final class ThreadFailurePolicy {
    private final int maxReplacements;
    private final Duration window;
    private final Clock clock;
    private final Deque<Instant> recent = new ArrayDeque<>();

    ThreadFailurePolicy(int maxReplacements, Duration window, Clock clock) {
        this.maxReplacements = maxReplacements;
        this.window = window;
        this.clock = clock;
    }

    /** The decision and why, for the log. */
    record Decision(StreamThreadExceptionResponse response, String why) {
    }

    synchronized Decision onFailure(Throwable failure) {
        if (causedByOutOfMemory(failure)) {
            return new Decision(StreamThreadExceptionResponse.SHUTDOWN_CLIENT, "out of memory: give the JVM more heap"
                    + " (TESSERA_JAVA_OPTS=-Xmx...) or lower frames.max-pixels, frames.max-bytes or"
                    + " kafka.buffered.records.per.partition");
        }
        Instant now = clock.instant();
        while (!recent.isEmpty() && recent.peekFirst().isBefore(now.minus(window))) {
            recent.removeFirst();
        }
        if (recent.size() >= maxReplacements) {
            return new Decision(StreamThreadExceptionResponse.SHUTDOWN_CLIENT, recent.size()
                    + " stream threads already replaced within " + window.toSeconds() + " s: the fault is not passing");
        }
        recent.addLast(now);
        return new Decision(StreamThreadExceptionResponse.REPLACE_THREAD, "replacement " + recent.size() + " of at most "
                + maxReplacements + " within " + window.toSeconds() + " s");
    }

    private static boolean causedByOutOfMemory(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }
}

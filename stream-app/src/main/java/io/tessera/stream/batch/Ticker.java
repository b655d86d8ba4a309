package io.tessera.stream.batch;

/**
 * A source of nanoseconds for measuring durations (the shape of Caffeine's {@code Ticker}):
 * the batcher reads every fill window, queue time and deadline through it, so tests move time
 * by hand instead of sleeping.
 */
@FunctionalInterface
public interface Ticker {

    /** Nanoseconds from an arbitrary origin; only differences mean anything. */
    long read();

    /** {@link System#nanoTime()}. */
    static Ticker systemTicker() {
        return System::nanoTime;
    }
}

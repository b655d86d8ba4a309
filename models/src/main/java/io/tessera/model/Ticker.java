package io.tessera.model;

/**
 * A source of nanoseconds for measuring durations (the shape of Caffeine's {@code Ticker}): the
 * batcher reads fill windows, queue times and deadlines through it and the precision self-check
 * its timings, so tests move time by hand instead of sleeping.
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

package io.tessera.stream.admission;

/**
 * An exponentially weighted moving average of nanoseconds, safe to update from several threads.
 * Empty until the first sample, so that a cold start admits frames and learns from them.
 */
final class Ewma {
    private final double weight;
    private double value;
    private boolean seeded;

    /** @param weight of the newest sample, within (0, 1] */
    Ewma(double weight) {
        this.weight = weight;
    }

    synchronized void add(double sample) {
        value = seeded ? value + weight * (sample - value) : sample;
        seeded = true;
    }

    synchronized boolean seeded() {
        return seeded;
    }

    /** The average, 0 before the first sample. */
    synchronized double value() {
        return value;
    }
}

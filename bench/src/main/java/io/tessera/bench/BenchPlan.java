package io.tessera.bench;

import java.time.Duration;

/**
 * What the benchmark runs.
 *
 * @param throughputFrames  2K frames published before the app starts, drained at full speed
 * @param latencyDuration   how long cameras send at a steady rate for the latency figures (zero: skip)
 * @param latencyLoad       that rate as a fraction of the capacity just measured
 * @param cameras           simulated cameras
 * @param modelTime         how long each model-alone measurement runs at least
 * @param width             frame width
 * @param height            frame height
 */
public record BenchPlan(int throughputFrames, Duration latencyDuration, double latencyLoad, int cameras, Duration modelTime,
        int width, int height) {
    public BenchPlan {
        if (throughputFrames < 4) {
            throw new IllegalArgumentException("--frames must be >= 4, got " + throughputFrames);
        }
        if (!(latencyLoad > 0 && latencyLoad <= 1)) {
            throw new IllegalArgumentException("--latency-load must be within (0, 1], got " + latencyLoad);
        }
        if (cameras < 1) {
            throw new IllegalArgumentException("--cameras must be >= 1, got " + cameras);
        }
    }
}

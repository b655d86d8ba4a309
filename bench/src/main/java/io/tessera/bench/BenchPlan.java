package io.tessera.bench;

import java.time.Duration;
import java.util.List;

/**
 * What the benchmark runs.
 *
 * @param throughputFrames  2K frames published before the app starts, drained at full speed
 * @param latencyDuration   how long cameras send at a steady rate for the latency figures, at least (zero: skip)
 * @param latencyFrames     frames the latency pass sends, at least: it runs longer than {@code latencyDuration}
 *                          where the rate is too low for that many, since a p99 of fewer frames is their maximum
 * @param latencyLoad       that rate as a fraction of the capacity just measured
 * @param cameras           simulated cameras
 * @param modelTime         how long each model-alone measurement runs at least
 * @param width             frame width
 * @param height            frame height
 * @param overloadLoads     offered loads, as multiples of the measured capacity, for the goodput figures (empty: skip)
 * @param overloadWarmup    how long cameras send at each overload before frames are counted
 * @param overloadDuration  how long frames are counted at each overload
 * @param stageFrames       frames for the per-stage cost (0: skip)
 */
public record BenchPlan(int throughputFrames, Duration latencyDuration, int latencyFrames, double latencyLoad, int cameras, Duration modelTime,
        int width, int height, List<Double> overloadLoads, Duration overloadWarmup, Duration overloadDuration,
        int stageFrames) {
    public BenchPlan {
        if (throughputFrames < 4) {
            throw new IllegalArgumentException("--frames must be >= 4, got " + throughputFrames);
        }
        if (latencyFrames < 0) {
            throw new IllegalArgumentException("--latency-frames must be >= 0, got " + latencyFrames);
        }
        if (!(latencyLoad > 0 && latencyLoad <= 1)) {
            throw new IllegalArgumentException("--latency-load must be within (0, 1], got " + latencyLoad);
        }
        if (cameras < 1) {
            throw new IllegalArgumentException("--cameras must be >= 1, got " + cameras);
        }
        overloadLoads = List.copyOf(overloadLoads);
        for (double load : overloadLoads) {
            if (!(load > 0 && load <= 50)) {
                throw new IllegalArgumentException("--overload loads must be within (0, 50], got " + load);
            }
        }
        if (!overloadLoads.isEmpty() && (overloadDuration.isZero() || overloadDuration.isNegative())) {
            throw new IllegalArgumentException("--overload-seconds must be > 0");
        }
        if (stageFrames < 0) {
            throw new IllegalArgumentException("--stage-frames must be >= 0, got " + stageFrames);
        }
    }

    /** How long the latency pass sends at {@code framesPerSec} in all: zero when it is skipped. */
    public Duration latencyPass(double framesPerSec) {
        if (latencyDuration.isZero() || !(framesPerSec > 0)) {
            return latencyDuration;
        }
        Duration forFrames = Duration.ofSeconds((long) Math.ceil(latencyFrames / framesPerSec));
        return forFrames.compareTo(latencyDuration) > 0 ? forFrames : latencyDuration;
    }
}

package io.tessera.stream.admission;

import io.tessera.stream.batch.BatchObserver;

/**
 * What a model call costs, as a line fitted to the batcher's recent calls: a fixed part per call
 * (launching the graph, thread hand-offs, the layers whose cost does not grow with the batch) plus
 * a part per tile. Admission control charges it for the calls ahead of a frame and for its own.
 *
 * <p>Why not a time per tile alone: a line that sends frames of different sizes (a recording of
 * photos of 10, 21 and 52 tiles, cameras with different resolutions) has calls whose time per tile
 * differs by a factor of two, so a per-tile average taken over a run of small calls charges the
 * next large frame about twice its real time, and sheds it although the model is idle.
 *
 * <p>The line is an exponentially weighted least-squares fit (weight {@code smoothing} for the
 * newest call). While the recent calls are too alike in size to fit a slope (every frame of one
 * camera has the same tile count), the last fitted line keeps its shape and is moved through the
 * recent average; before any fit, the time is charged per tile alone (fixed part 0).
 *
 * <p>Thread-safe: the batcher's worker feeds it, stream threads read it.
 */
public final class ModelCallCost implements BatchObserver {
    /**
     * Calls whose tile counts spread less than this (standard deviation over mean) are too alike
     * to fit a slope to.
     */
    static final double MIN_RELATIVE_SPREAD = 0.1;

    private final double weight;
    private boolean first = true;
    private boolean seeded;
    private double meanTiles;
    private double meanNanos;
    private double meanTilesSquared;
    private double meanTilesTimesNanos;
    /** Fixed part over the per-tile part of the last line fitted; 0 before any fit. */
    private double fixedInTiles;

    /** @param smoothing weight of the newest model call, within (0, 1] */
    public ModelCallCost(double smoothing) {
        this.weight = smoothing;
    }

    @Override
    public synchronized void batch(int tiles, int frames, long inferNanos) {
        if (first) {
            first = false; // the model's first call also optimises its graph: seconds that no later call takes
            return;
        }
        if (tiles <= 0) {
            return;
        }
        double n = tiles;
        double t = inferNanos;
        if (!seeded) {
            seeded = true;
            meanTiles = n;
            meanNanos = t;
            meanTilesSquared = n * n;
            meanTilesTimesNanos = n * t;
        } else {
            meanTiles += weight * (n - meanTiles);
            meanNanos += weight * (t - meanNanos);
            meanTilesSquared += weight * (n * n - meanTilesSquared);
            meanTilesTimesNanos += weight * (n * t - meanTilesTimesNanos);
        }
        refit();
    }

    private void refit() {
        double variance = meanTilesSquared - meanTiles * meanTiles;
        if (variance < Math.pow(MIN_RELATIVE_SPREAD * meanTiles, 2)) {
            return;
        }
        double perTile = (meanTilesTimesNanos - meanTiles * meanNanos) / variance;
        double fixed = meanNanos - perTile * meanTiles;
        // Noise can tilt a fit into a negative part; such a line is no model of a model call.
        if (perTile > 0 && fixed >= 0) {
            fixedInTiles = fixed / perTile;
        }
    }

    /** Nanoseconds one model call of {@code tiles} takes; 0 before the first measured call. */
    public synchronized double nanos(int tiles) {
        return perTile() * (fixedInTiles + tiles);
    }

    /** Nanoseconds {@code calls} model calls of {@code tiles} tiles in all take; 0 before the first measured call. */
    public synchronized double nanos(int calls, int tiles) {
        return perTile() * (calls * fixedInTiles + tiles);
    }

    /** The line through the recent average with the shape last fitted. */
    private double perTile() {
        return seeded ? meanNanos / (fixedInTiles + meanTiles) : 0;
    }

    /** The fixed part of a call in nanoseconds; 0 before a slope could be fitted. */
    public synchronized double fixedNanos() {
        return perTile() * fixedInTiles;
    }
}

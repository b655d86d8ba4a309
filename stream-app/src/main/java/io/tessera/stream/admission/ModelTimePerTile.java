package io.tessera.stream.admission;

import io.tessera.stream.batch.BatchObserver;

/**
 * The model's time per tile, a moving average over its recent calls, as the batcher reports
 * them: what admission control charges for every tile ahead of a frame and for the frame's own.
 */
public final class ModelTimePerTile implements BatchObserver {
    private final Ewma nanosPerTile;
    private boolean first = true;

    /** @param smoothing weight of the newest model call, within (0, 1] */
    public ModelTimePerTile(double smoothing) {
        this.nanosPerTile = new Ewma(smoothing);
    }

    @Override
    public synchronized void batch(int tiles, int frames, long inferNanos) {
        if (first) {
            first = false; // the model's first call also optimises its graph: seconds that no later call takes
            return;
        }
        if (tiles > 0) {
            nanosPerTile.add((double) inferNanos / tiles);
        }
    }

    /** Nanoseconds per tile; 0 before the first model call. */
    public double nanos() {
        return nanosPerTile.value();
    }
}

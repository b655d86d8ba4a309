package io.tessera.stream.batch;

/** Told about every model call the batcher makes (metrics, benchmark). */
public interface BatchObserver {
    BatchObserver NONE = (tiles, frames, inferNanos) -> { };

    /**
     * @param tiles      tiles in the batch
     * @param frames     requests (frames or parts of frames) the batch coalesced
     * @param inferNanos time the model call took
     */
    void batch(int tiles, int frames, long inferNanos);
}

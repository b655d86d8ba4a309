package io.tessera.stream.batch;

/** Told about every model call the batcher makes and about its worker (metrics, benchmark). */
public interface BatchObserver {
    BatchObserver NONE = (tiles, frames, inferNanos) -> { };

    /**
     * A model call that gave a valid score for every tile.
     *
     * @param tiles      tiles in the batch
     * @param frames     requests (frames or parts of frames) the batch coalesced
     * @param inferNanos time the model call took
     */
    void batch(int tiles, int frames, long inferNanos);

    /** A model call that threw or gave unusable scores; its frames get UNKNOWN {@code model-error}. */
    default void modelFailed(int tiles, String detail) {
    }

    /** The worker thread ended other than by close; {@code restarting} false means the batcher gave up. */
    default void workerDied(Throwable cause, boolean restarting) {
    }

    /** A new worker thread took over after one died. */
    default void workerRestarted() {
    }

    /** Tells {@code first}, then {@code second}, about everything. */
    static BatchObserver both(BatchObserver first, BatchObserver second) {
        return new BatchObserver() {
            @Override
            public void batch(int tiles, int frames, long inferNanos) {
                first.batch(tiles, frames, inferNanos);
                second.batch(tiles, frames, inferNanos);
            }

            @Override
            public void modelFailed(int tiles, String detail) {
                first.modelFailed(tiles, detail);
                second.modelFailed(tiles, detail);
            }

            @Override
            public void workerDied(Throwable cause, boolean restarting) {
                first.workerDied(cause, restarting);
                second.workerDied(cause, restarting);
            }

            @Override
            public void workerRestarted() {
                first.workerRestarted();
                second.workerRestarted();
            }
        };
    }
}

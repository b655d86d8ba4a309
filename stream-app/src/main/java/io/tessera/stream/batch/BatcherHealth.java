package io.tessera.stream.batch;

/**
 * The batcher's state as health checks see it.
 *
 * @param workerDown     why the worker thread is not running (null while it runs)
 * @param lastModelFault why the latest model call failed (null when it succeeded or none ran yet)
 * @param restarts       worker restarts since the batcher started
 */
public record BatcherHealth(String workerDown, String lastModelFault, int restarts) {
    public boolean workerAlive() {
        return workerDown == null;
    }

    public boolean modelOk() {
        return lastModelFault == null;
    }
}

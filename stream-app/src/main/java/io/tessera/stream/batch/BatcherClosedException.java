package io.tessera.stream.batch;

/**
 * The batcher was closed while a frame waited for its scores. Not a verdict: the frame was
 * not inspected, so processing fails and the frame is processed again after a restart (its
 * input offset is never committed).
 */
public final class BatcherClosedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public BatcherClosedException(String message) {
        super(message);
    }
}

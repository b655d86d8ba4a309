package io.tessera.stream.batch;

/**
 * A frame's tiles could not be scored: {@link #reason()} is the verdict's UNKNOWN reason
 * ({@code late}, {@code model-error}, {@code model-timeout}, {@code overloaded}).
 */
public final class Unclassified extends Exception {
    private static final long serialVersionUID = 1L;
    public static final String LATE = "late";
    public static final String MODEL_ERROR = "model-error";
    public static final String MODEL_TIMEOUT = "model-timeout";
    /** The batcher's queue was full ({@code batch.max-queued-tiles}): the frame was not queued. */
    public static final String OVERLOADED = "overloaded";

    private final String reason;

    public Unclassified(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}

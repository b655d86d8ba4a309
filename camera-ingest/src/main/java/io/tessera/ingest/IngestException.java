package io.tessera.ingest;

/** A fault the operator has to act on (broker unreachable, unreadable source); the message says what and where. */
public class IngestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IngestException(String message) {
        super(message);
    }

    public IngestException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.tessera.protocol;

import java.util.Objects;

/**
 * A frame whose headers or bytes break the wire format. The {@link #reason()} is a short,
 * stable code (dead-letter records and metrics are tagged with it); the message says what
 * exactly is wrong.
 */
public class FrameFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String reason;

    public FrameFormatException(String reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason);
    }

    public FrameFormatException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason);
    }

    public String reason() {
        return reason;
    }
}

package io.tessera.gate.core;

/** The PLC acknowledged a counter value that the gate has not written, or one already behind it. */
public final class BadAcknowledgeException extends RuntimeException {
    public BadAcknowledgeException(String message) {
        super(message);
    }
}

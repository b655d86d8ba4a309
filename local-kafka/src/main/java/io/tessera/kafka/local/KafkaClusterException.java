package io.tessera.kafka.local;

/** A broker that cannot be started, reached or administered, with the reason in the message. */
public class KafkaClusterException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public KafkaClusterException(String message) {
        super(message);
    }

    public KafkaClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}

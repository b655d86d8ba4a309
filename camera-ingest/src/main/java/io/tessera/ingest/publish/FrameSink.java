package io.tessera.ingest.publish;

import io.tessera.ingest.CapturedFrame;

/** Where published frames go: Kafka in production ({@link KafkaFrameSink}). Thread-safe. */
public interface FrameSink extends AutoCloseable {

    /** Outcome of one send: {@code error} is null on success. */
    interface Callback {
        void completed(Exception error);
    }

    /**
     * Hands a frame over for sending; may block while the send buffer is full. Throws
     * {@link io.tessera.ingest.IngestException} when the frame cannot even be accepted.
     */
    void send(CapturedFrame frame, Callback callback);

    /** Blocks until every frame accepted so far is acknowledged or failed. */
    void flush();

    /** Where frames go, for messages: e.g. {@code frames@localhost:9092}. */
    String describe();

    @Override
    void close();
}

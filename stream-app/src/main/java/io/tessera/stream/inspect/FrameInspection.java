package io.tessera.stream.inspect;

import org.apache.kafka.common.header.Headers;

/** Turns one frame record into its outcome; what the inspection processor asks of the pipeline. */
@FunctionalInterface
public interface FrameInspection {

    /**
     * @return a verdict (possibly UNKNOWN) or, for a frame that breaks the wire format, a dead letter
     * @throws InterruptedException when the stream thread is asked to stop while it waits for the model
     */
    Outcome inspect(String key, Headers headers, byte[] bytes) throws InterruptedException;
}

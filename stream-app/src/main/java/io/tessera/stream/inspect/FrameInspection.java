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

    /**
     * As {@link #inspect(String, Headers, byte[])}, with the cameras' taught thresholds at hand. An
     * inspection that decides frames itself overrides it; one that passes frames on to another need not.
     */
    default Outcome inspect(String key, Headers headers, byte[] bytes, CameraThresholds taught) throws InterruptedException {
        return inspect(key, headers, bytes);
    }
}

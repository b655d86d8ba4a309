package io.tessera.protocol;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A frame's value: the encoded image bytes as they are (no base64, no wrapping). Frames over
 * the size limit are refused before anyone decodes them, in both directions.
 */
public final class FrameBytesSerde implements Serde<byte[]> {
    /** 16 MiB: above a 4K raw BGR frame (24.9 MB would not fit; such cameras should send JPEG). */
    public static final int DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;

    private final int maxFrameBytes;

    public FrameBytesSerde(int maxFrameBytes) {
        if (maxFrameBytes <= 0) {
            throw new IllegalArgumentException("max frame bytes must be positive, got " + maxFrameBytes);
        }
        this.maxFrameBytes = maxFrameBytes;
    }

    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    @Override
    public Serializer<byte[]> serializer() {
        return (topic, value) -> check(topic, value);
    }

    @Override
    public Deserializer<byte[]> deserializer() {
        return (topic, value) -> check(topic, value);
    }

    private byte[] check(String topic, byte[] value) {
        if (value != null && value.length > maxFrameBytes) {
            throw new SerializationException("frame of " + value.length + " bytes on topic " + topic
                    + " exceeds the limit of " + maxFrameBytes + " bytes (setting frames.max-bytes)");
        }
        return value;
    }
}

package io.tessera.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class FrameBytesSerdeTest {

    private final FrameBytesSerde serde = new FrameBytesSerde(1000);

    @Test
    void bytesPassUnchangedUpToTheLimit() {
        byte[] frame = new byte[1000];
        frame[0] = (byte) 0xFF;
        frame[999] = 7;

        assertThat(serde.serializer().serialize("frames", frame)).isSameAs(frame);
        assertThat(serde.deserializer().deserialize("frames", frame)).isSameAs(frame);
    }

    @Test
    void nullInGivesNullOut() {
        assertThat(serde.serializer().serialize("frames", null)).isNull();
        assertThat(serde.deserializer().deserialize("frames", null)).isNull();
    }

    @Test
    void producerRefusesAnOverLimitFrame() {
        assertThatThrownBy(() -> serde.serializer().serialize("frames", new byte[1001]))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("frame of 1001 bytes on topic frames exceeds the limit of 1000 bytes")
                .hasMessageContaining("frames.max-bytes");
    }

    @Test
    void consumerRefusesAnOverLimitFrameBeforeDecoding() {
        assertThatThrownBy(() -> serde.deserializer().deserialize("plant1.frames", new byte[5000]))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("5000 bytes on topic plant1.frames");
    }

    @Test
    void defaultLimitIs16MibAndHoldsARaw2KFrame() {
        FrameBytesSerde defaults = Topics.defaults().frames().valueSerde() instanceof FrameBytesSerde f ? f : null;

        assertThat(defaults).isNotNull();
        assertThat(defaults.maxFrameBytes()).isEqualTo(16 * 1024 * 1024);
        byte[] raw2k = new byte[2048 * 1080 * 3];
        assertThat(defaults.serializer().serialize("frames", raw2k)).hasSize(6_635_520);
    }

    @Test
    void nonPositiveLimitIsRefused() {
        assertThatThrownBy(() -> new FrameBytesSerde(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max frame bytes must be positive");
    }
}

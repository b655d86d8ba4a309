package io.tessera.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void defaultNames() {
        Topics topics = Topics.defaults();

        assertThat(topics.names()).containsExactly("frames", "verdicts", "alerts", "frames.dlq");
    }

    @Test
    void prefixKeepsSitesApart() {
        Topics topics = Topics.withPrefix("plant1.", 1024);

        assertThat(topics.names()).containsExactly("plant1.frames", "plant1.verdicts", "plant1.alerts", "plant1.frames.dlq");
        assertThat(((FrameBytesSerde) topics.frames().valueSerde()).maxFrameBytes()).isEqualTo(1024);
    }

    @Test
    void typedSerdesRoundTrip() {
        Topics topics = Topics.defaults();
        Verdict v = Fixtures.defectVerdict();
        byte[] bytes = topics.verdicts().valueSerde().serializer().serialize(topics.verdicts().name(), v);

        assertThat(topics.verdicts().valueSerde().deserializer().deserialize(topics.verdicts().name(), bytes)).isEqualTo(v);
        assertThat(topics.frames().keySerde().deserializer().deserialize("frames",
                topics.frames().keySerde().serializer().serialize("frames", "cam-1"))).isEqualTo("cam-1");
    }

    @Test
    void deadLettersKeepOversizedFrames() {
        byte[] huge = new byte[FrameBytesSerde.DEFAULT_MAX_FRAME_BYTES + 1];

        assertThat(Topics.defaults().deadLetters().valueSerde().serializer().serialize("frames.dlq", huge)).hasSize(huge.length);
    }

    @Test
    void invalidPrefixIsRefused() {
        assertThatThrownBy(() -> Topics.withPrefix("plant 1/", 1024))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid Kafka topic name");
    }
}

package io.tessera.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class CameraThresholdTest {
    private static final ModelRef MODEL = new ModelRef("pitting-resnet34", "2026.03.1");
    private final ModelTopics topics = ModelTopics.withPrefix("plant1.");

    static CameraThreshold taught() {
        return new CameraThreshold("cam-1", MODEL, 0.731, 0.005, 20, 0.4127, "/srv/recordings/cam-1-setup",
                Instant.parse("2026-03-02T07:00:00.5Z"));
    }

    @Test
    void roundTripsThroughTheThresholdsTopicsSerde() throws Exception {
        byte[] json = topics.thresholds().valueSerde().serializer().serialize(topics.thresholds().name(), taught());

        assertThat(topics.thresholds().valueSerde().deserializer().deserialize(topics.thresholds().name(), json))
                .isEqualTo(taught());
        JsonNode tree = Json.newMapper().readTree(json);
        assertThat(tree.get("model").get("version").asText()).isEqualTo("2026.03.1");
        assertThat(tree.get("calibratedAt").asText()).isEqualTo("2026-03-02T07:00:00.500Z");
    }

    @Test
    void aTombstoneStaysNull() {
        assertThat(topics.thresholds().valueSerde().deserializer().deserialize(topics.thresholds().name(), null)).isNull();
    }

    @Test
    void theTopicIsNamedWithThePrefixAndKeyedByApplicationAndCamera() {
        assertThat(topics.thresholds().name()).isEqualTo("plant1.thresholds");
        assertThat(CameraThreshold.key("tessera-inspect", "cam-1")).isEqualTo("tessera-inspect/cam-1");
    }

    @Test
    void holdsOnlyForTheModelItWasMeasuredOn() {
        assertThat(taught().measuredOn(MODEL)).isTrue();
        assertThat(taught().measuredOn(new ModelRef("pitting-resnet34", "2026.04.0"))).isFalse();
        assertThat(taught().measuredOn(new ModelRef("other", "2026.03.1"))).isFalse();
    }

    @Test
    void malformedRecordsAreRefusedNamingTheField() {
        byte[] noModel = "{\"cameraId\":\"cam-1\",\"threshold\":0.7,\"targetFalseRejectRate\":0.005,\"goodFrames\":20,\"highestGoodScore\":0.4,\"calibratedAt\":\"2026-03-02T07:00:00Z\"}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] badThreshold = "{\"cameraId\":\"cam-1\",\"model\":{\"name\":\"m\",\"version\":\"1\"},\"threshold\":1.5,\"targetFalseRejectRate\":0.005,\"goodFrames\":20,\"highestGoodScore\":0.4,\"calibratedAt\":\"2026-03-02T07:00:00Z\"}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);

        assertThatThrownBy(() -> topics.thresholds().valueSerde().deserializer().deserialize("t", noModel))
                .isInstanceOf(SerializationException.class).hasMessageContaining("model is required");
        assertThatThrownBy(() -> topics.thresholds().valueSerde().deserializer().deserialize("t", badThreshold))
                .isInstanceOf(SerializationException.class).hasMessageContaining("threshold must be within");
    }
}

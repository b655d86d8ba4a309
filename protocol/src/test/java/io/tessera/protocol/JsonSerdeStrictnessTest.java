package io.tessera.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** Bad JSON never turns into a half-filled record: it is refused with a message naming the fault. */
class JsonSerdeStrictnessTest {

    private final ObjectMapper mapper = Json.newMapper();
    private final JsonSerde<Verdict> verdicts = new JsonSerde<>(Verdict.class);
    private final JsonSerde<Alert> alerts = new JsonSerde<>(Alert.class);

    private ObjectNode golden(String name) throws Exception {
        return (ObjectNode) mapper.readTree(Fixtures.golden(name));
    }

    private Verdict readVerdict(ObjectNode json) throws Exception {
        return verdicts.deserializer().deserialize("verdicts", mapper.writeValueAsBytes(json));
    }

    private Alert readAlert(ObjectNode json) throws Exception {
        return alerts.deserializer().deserialize("alerts", mapper.writeValueAsBytes(json));
    }

    @Test
    void nullInGivesNullOut() {
        assertThat(verdicts.serializer().serialize("verdicts", null)).isNull();
        assertThat(verdicts.deserializer().deserialize("verdicts", null)).isNull();
        assertThat(alerts.serializer().serialize("alerts", null)).isNull();
        assertThat(alerts.deserializer().deserialize("alerts", null)).isNull();
    }

    @Test
    void malformedJsonIsRefused() {
        byte[] broken = "{\"cameraId\": \"cam-1\", ".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> verdicts.deserializer().deserialize("verdicts", broken))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("malformed Verdict JSON on topic verdicts");
    }

    @Test
    void notJsonAtAllIsRefused() {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0};

        assertThatThrownBy(() -> alerts.deserializer().deserialize("alerts", jpeg))
                .isInstanceOf(SerializationException.class).hasMessageContaining("malformed Alert JSON");
    }

    @Test
    void trailingGarbageIsRefused() {
        byte[] twoValues = (new String(Fixtures.golden("verdict-ok.json"), StandardCharsets.UTF_8) + " {}")
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> verdicts.deserializer().deserialize("verdicts", twoValues))
                .isInstanceOf(SerializationException.class).hasMessageContaining("Trailing token");
    }

    @Test
    void emptyPayloadIsRefused() {
        assertThatThrownBy(() -> verdicts.deserializer().deserialize("verdicts", new byte[0]))
                .isInstanceOf(SerializationException.class).hasMessageContaining("malformed Verdict JSON");
    }

    @Test
    void missingRequiredTextFieldIsNamed() throws Exception {
        ObjectNode json = golden("verdict-defect.json");
        json.remove("cameraId");

        assertThatThrownBy(() -> readVerdict(json))
                .isInstanceOf(SerializationException.class).hasMessageContaining("cameraId is required");
    }

    @Test
    void missingRequiredNumberIsNamed() throws Exception {
        ObjectNode json = golden("verdict-defect.json");
        json.remove("sequence");

        assertThatThrownBy(() -> readVerdict(json))
                .isInstanceOf(SerializationException.class).hasMessageContaining("sequence");
    }

    @Test
    void explicitNullForANumberIsNamed() throws Exception {
        ObjectNode json = golden("verdict-defect.json");
        json.putNull("defectScore");

        assertThatThrownBy(() -> readVerdict(json))
                .isInstanceOf(SerializationException.class).hasMessageContaining("defectScore");
    }

    @Test
    void missingModelIsNamed() throws Exception {
        ObjectNode json = golden("verdict-ok.json");
        json.remove("model");

        assertThatThrownBy(() -> readVerdict(json))
                .isInstanceOf(SerializationException.class).hasMessageContaining("model is required");
    }

    @Test
    void outOfRangeScoreIsNamed() throws Exception {
        ObjectNode json = golden("verdict-defect.json");
        json.put("defectScore", 1.5);

        assertThatThrownBy(() -> readVerdict(json))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("defectScore must be within [0, 1], got 1.5");
    }

    @Test
    void negativeConfidenceIsNamed() throws Exception {
        ObjectNode json = golden("verdict-ok.json");
        json.put("confidence", -0.1);

        assertThatThrownBy(() -> readVerdict(json))
                .isInstanceOf(SerializationException.class).hasMessageContaining("confidence must be within [0, 1]");
    }

    @Test
    void outOfRangeTileScoreIsNamed() throws Exception {
        ObjectNode json = golden("verdict-defect.json");
        ((ObjectNode) json.get("defectTiles").get(0)).put("score", 7.0);

        assertThatThrownBy(() -> readVerdict(json))
                .isInstanceOf(SerializationException.class).hasMessageContaining("tile score must be within [0, 1]");
    }

    @Test
    void unknownDecisionIsNamed() throws Exception {
        ObjectNode json = golden("verdict-ok.json");
        json.put("decision", "MAYBE");

        assertThatThrownBy(() -> readVerdict(json))
                .isInstanceOf(SerializationException.class).hasMessageContaining("MAYBE");
    }

    @Test
    void unknownVerdictWithoutReasonIsRefused() throws Exception {
        ObjectNode json = golden("verdict-unknown.json");
        json.remove("reason");

        assertThatThrownBy(() -> readVerdict(json))
                .isInstanceOf(SerializationException.class).hasMessageContaining("must give its reason");
    }

    @Test
    void badTimestampIsNamed() throws Exception {
        ObjectNode json = golden("verdict-ok.json");
        json.put("captureTime", "yesterday");

        assertThatThrownBy(() -> readVerdict(json))
                .isInstanceOf(SerializationException.class).hasMessageContaining("captureTime");
    }

    @Test
    void newerFieldsAreIgnoredForForwardCompatibility() throws Exception {
        ObjectNode json = golden("verdict-ok.json");
        json.put("addedInALaterVersion", 42);

        assertThat(readVerdict(json)).isEqualTo(Fixtures.okVerdict());
    }

    @Test
    void alertForAnOkDecisionIsRefused() throws Exception {
        ObjectNode json = golden("alert-defect.json");
        json.put("decision", "OK");

        assertThatThrownBy(() -> readAlert(json))
                .isInstanceOf(SerializationException.class).hasMessageContaining("an OK verdict raises no alert");
    }

    @Test
    void alertWithoutDeadlineIsNamed() throws Exception {
        ObjectNode json = golden("alert-defect.json");
        json.remove("deadline");

        assertThatThrownBy(() -> readAlert(json))
                .isInstanceOf(SerializationException.class).hasMessageContaining("deadline is required");
    }

    @Test
    void alertWithOutOfRangeScoreIsNamed() throws Exception {
        ObjectNode json = golden("alert-defect.json");
        json.put("defectScore", 1.5);

        assertThatThrownBy(() -> readAlert(json))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("defectScore must be within [0, 1], got 1.5");
    }

    @Test
    void alertWithNegativeSequenceIsNamed() throws Exception {
        ObjectNode json = golden("alert-defect.json");
        json.put("sequence", -3);

        assertThatThrownBy(() -> readAlert(json))
                .isInstanceOf(SerializationException.class).hasMessageContaining("sequence must be >= 0");
    }
}

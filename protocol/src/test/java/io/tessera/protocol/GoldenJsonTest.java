package io.tessera.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The JSON on the verdicts and alerts topics, pinned by golden files, in both directions. */
class GoldenJsonTest {

    private static final String TOPIC = "verdicts";
    private final ObjectMapper mapper = Json.newMapper();
    private final JsonSerde<Verdict> verdicts = new JsonSerde<>(Verdict.class);
    private final JsonSerde<Alert> alerts = new JsonSerde<>(Alert.class);

    static Stream<Arguments> goldenVerdicts() {
        return Stream.of(
                Arguments.of("verdict-defect.json", Fixtures.defectVerdict()),
                Arguments.of("verdict-ok.json", Fixtures.okVerdict()),
                Arguments.of("verdict-unknown.json", Fixtures.unknownVerdict()));
    }

    static Stream<Arguments> goldenAlerts() {
        return Stream.of(
                Arguments.of("alert-defect.json", Fixtures.defectAlert()),
                Arguments.of("alert-unknown.json", Fixtures.unknownAlert()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenVerdicts")
    void verdictWritesTheGoldenJson(String golden, Verdict verdict) throws Exception {
        JsonNode written = mapper.readTree(verdicts.serializer().serialize(TOPIC, verdict));

        assertThat(JsonFieldDiff.differences(mapper.readTree(Fixtures.golden(golden)), written)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenVerdicts")
    void verdictReadsTheGoldenJson(String golden, Verdict verdict) {
        Verdict read = verdicts.deserializer().deserialize(TOPIC, Fixtures.golden(golden));

        assertThat(read).isEqualTo(verdict);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenAlerts")
    void alertWritesTheGoldenJson(String golden, Alert alert) throws Exception {
        JsonNode written = mapper.readTree(alerts.serializer().serialize("alerts", alert));

        assertThat(JsonFieldDiff.differences(mapper.readTree(Fixtures.golden(golden)), written)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenAlerts")
    void alertReadsTheGoldenJson(String golden, Alert alert) {
        assertThat(alerts.deserializer().deserialize("alerts", Fixtures.golden(golden))).isEqualTo(alert);
    }

    @Test
    void verdictFieldsAreReadOneByOne() {
        Verdict v = verdicts.deserializer().deserialize(TOPIC, Fixtures.golden("verdict-defect.json"));

        assertThat(v.cameraId()).isEqualTo("cam-07");
        assertThat(v.lineId()).isEqualTo("line-2");
        assertThat(v.sequence()).isEqualTo(18342);
        assertThat(v.partId()).isEqualTo("P-2026-000917");
        assertThat(v.captureTime()).hasToString("2026-03-01T08:15:30.125Z");
        assertThat(v.decision()).isEqualTo(Decision.DEFECT);
        assertThat(v.reason()).isNull();
        assertThat(v.confidence()).isEqualTo(0.93);
        assertThat(v.defectScore()).isEqualTo(0.93);
        assertThat(v.threshold()).isEqualTo(0.5);
        assertThat(v.tileCount()).isEqualTo(50);
        assertThat(v.defectTiles()).containsExactly(new DefectTile(448, 224, 224, 224, 0.93), new DefectTile(672, 224, 224, 224, 0.61));
        assertThat(v.model()).isEqualTo(new ModelRef("resnet34-bsdata", "2026.03.1"));
        assertThat(v.decidedAt()).hasToString("2026-03-01T08:15:30.262Z");
        assertThat(v.latency().inferMs()).isEqualTo(96.3);
        assertThat(v.latency().totalMs()).isEqualTo(137.0);
        assertThat(v.groundTruth()).isEqualTo(GroundTruth.DEFECT);
    }

    @Test
    void aVerdictWrittenBeforeThresholdSourceExistedReadsAsTheModels() throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode old =
                (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(Fixtures.golden("verdict-defect.json"));
        old.remove("thresholdSource");

        Verdict v = verdicts.deserializer().deserialize(TOPIC, mapper.writeValueAsBytes(old));

        assertThat(v.thresholdSource()).isEqualTo(ThresholdSource.MODEL);
        assertThat(v.threshold()).isEqualTo(0.5);
    }

    @Test
    void anUnknownThresholdSourceIsRefusedNamingTheValues() throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode json =
                (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(Fixtures.golden("verdict-ok.json"));
        json.put("thresholdSource", "station");

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> verdicts.deserializer().deserialize(TOPIC, mapper.writeValueAsBytes(json)))
                .isInstanceOf(org.apache.kafka.common.errors.SerializationException.class)
                .hasMessageContaining("model, override, teach-in");
    }

    @Test
    void absentValuesAreLeftOutNotWrittenAsNull() throws Exception {
        JsonNode ok = mapper.readTree(verdicts.serializer().serialize(TOPIC, Fixtures.okVerdict()));

        assertThat(ok.has("partId")).isFalse();
        assertThat(ok.has("reason")).isFalse();
        assertThat(ok.has("groundTruth")).isFalse();
        assertThat(ok.get("defectTiles").isArray()).isTrue();
    }

    @Test
    void timesAreIsoInstantsInUtc() throws Exception {
        JsonNode alert = mapper.readTree(alerts.serializer().serialize("alerts", Fixtures.defectAlert()));

        assertThat(alert.get("captureTime").asText()).isEqualTo("2026-03-01T08:15:30.125Z");
        assertThat(alert.get("deadline").asText()).isEqualTo("2026-03-01T08:15:31.625Z");
    }

    @Test
    void alertOfAVerdictCarriesWhatTheGateNeeds() {
        Alert a = Fixtures.defectAlert();
        Verdict v = Fixtures.defectVerdict();

        assertThat(a.lineId()).isEqualTo(v.lineId());
        assertThat(a.cameraId()).isEqualTo(v.cameraId());
        assertThat(a.sequence()).isEqualTo(v.sequence());
        assertThat(a.partId()).isEqualTo(v.partId());
        assertThat(a.decision()).isEqualTo(Decision.DEFECT);
        assertThat(a.defectScore()).isEqualTo(v.defectScore());
        assertThat(a.deadline()).isEqualTo(v.captureTime().plus(Fixtures.REJECT_WINDOW));
    }

    @Test
    void roundTripsKeepEveryField() {
        for (Verdict v : new Verdict[] {Fixtures.defectVerdict(), Fixtures.okVerdict(), Fixtures.unknownVerdict()}) {
            byte[] bytes = verdicts.serializer().serialize(TOPIC, v);
            assertThat(verdicts.deserializer().deserialize(TOPIC, bytes)).isEqualTo(v);
        }
        for (Alert a : new Alert[] {Fixtures.defectAlert(), Fixtures.unknownAlert()}) {
            byte[] bytes = alerts.serializer().serialize("alerts", a);
            assertThat(alerts.deserializer().deserialize("alerts", bytes)).isEqualTo(a);
        }
    }
}

package io.tessera.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The checked-in JSON Schemas (draft 2020-12) against the golden files and against what the
 * serdes really write, with a real validator and format assertions on.
 */
class JsonSchemaTest {

    private static final ObjectMapper MAPPER = Json.newMapper();
    private static final JsonSchema VERDICT = schema("verdict.schema.json");
    private static final JsonSchema ALERT = schema("alert.schema.json");

    private static JsonSchema schema(String name) {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        try (InputStream in = Verdict.class.getResourceAsStream(name)) {
            assertThat(in).as("schema %s on the classpath next to %s", name, Verdict.class.getName()).isNotNull();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> errors(JsonSchema schema, JsonNode json) {
        return schema.validate(json).stream().map(ValidationMessage::getMessage).collect(Collectors.toSet());
    }

    @ParameterizedTest
    @ValueSource(strings = {"verdict-defect.json", "verdict-ok.json", "verdict-unknown.json"})
    void goldenVerdictsAreValid(String golden) throws Exception {
        assertThat(errors(VERDICT, MAPPER.readTree(Fixtures.golden(golden)))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"alert-defect.json", "alert-unknown.json"})
    void goldenAlertsAreValid(String golden) throws Exception {
        assertThat(errors(ALERT, MAPPER.readTree(Fixtures.golden(golden)))).isEmpty();
    }

    @Test
    void serializedVerdictsAreValid() throws Exception {
        JsonSerde<Verdict> serde = new JsonSerde<>(Verdict.class);
        Verdict extreme = new Verdict("c", "l", Long.MAX_VALUE, "", Instant.EPOCH, Decision.DEFECT, null,
                1.0, 1.0, 0.0, ThresholdSource.TEACH_IN, 1, List.of(new DefectTile(0, 0, 1, 1, 1.0)), new ModelRef("m", "1"),
                Instant.parse("2099-12-31T23:59:59.999999999Z"), StageLatency.none(), GroundTruth.OK);
        for (Verdict v : List.of(Fixtures.defectVerdict(), Fixtures.okVerdict(), Fixtures.unknownVerdict(), extreme)) {
            JsonNode json = MAPPER.readTree(serde.serializer().serialize("verdicts", v));
            assertThat(errors(VERDICT, json)).as("verdict %s", json).isEmpty();
        }
    }

    @Test
    void serializedAlertsAreValid() throws Exception {
        JsonSerde<Alert> serde = new JsonSerde<>(Alert.class);
        for (Alert a : List.of(Fixtures.defectAlert(), Fixtures.unknownAlert())) {
            JsonNode json = MAPPER.readTree(serde.serializer().serialize("alerts", a));
            assertThat(errors(ALERT, json)).as("alert %s", json).isEmpty();
        }
    }

    // A field added to a record must be added to its schema too (and the other way round), even
    // one that is usually absent from the JSON because it is null.

    @Test
    void verdictSchemaDescribesEveryVerdictField() throws Exception {
        JsonNode schema = schemaJson("verdict.schema.json");

        assertThat(propertyNames(schema.get("properties"))).isEqualTo(componentNames(Verdict.class));
        assertThat(propertyNames(schema.at("/$defs/defectTile/properties"))).isEqualTo(componentNames(DefectTile.class));
        assertThat(propertyNames(schema.at("/properties/model/properties"))).isEqualTo(componentNames(ModelRef.class));
        assertThat(propertyNames(schema.at("/properties/latency/properties"))).isEqualTo(componentNames(StageLatency.class));
    }

    @Test
    void alertSchemaDescribesEveryAlertField() throws Exception {
        assertThat(propertyNames(schemaJson("alert.schema.json").get("properties"))).isEqualTo(componentNames(Alert.class));
    }

    private static JsonNode schemaJson(String name) throws IOException {
        try (InputStream in = Verdict.class.getResourceAsStream(name)) {
            return MAPPER.readTree(in);
        }
    }

    private static Set<String> propertyNames(JsonNode properties) {
        Set<String> names = new TreeSet<>();
        properties.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Set<String> componentNames(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    // The schemas must constrain, not just describe: each of these is rejected.

    @Test
    void verdictWithoutCameraIsInvalid() throws Exception {
        ObjectNode json = (ObjectNode) MAPPER.readTree(Fixtures.golden("verdict-ok.json"));
        json.remove("cameraId");

        assertThat(errors(VERDICT, json)).anySatisfy(m -> assertThat(m).contains("cameraId"));
    }

    @Test
    void verdictScoreAboveOneIsInvalid() throws Exception {
        ObjectNode json = (ObjectNode) MAPPER.readTree(Fixtures.golden("verdict-ok.json"));
        json.put("defectScore", 1.5);

        assertThat(errors(VERDICT, json)).anySatisfy(m -> assertThat(m).contains("defectScore"));
    }

    @Test
    void unknownVerdictWithoutReasonIsInvalid() throws Exception {
        ObjectNode json = (ObjectNode) MAPPER.readTree(Fixtures.golden("verdict-unknown.json"));
        json.remove("reason");

        assertThat(errors(VERDICT, json)).anySatisfy(m -> assertThat(m).contains("reason"));
    }

    @Test
    void verdictWithBadTimeIsInvalid() throws Exception {
        ObjectNode json = (ObjectNode) MAPPER.readTree(Fixtures.golden("verdict-ok.json"));
        json.put("decidedAt", "08:00");

        assertThat(errors(VERDICT, json)).anySatisfy(m -> assertThat(m).contains("decidedAt"));
    }

    @Test
    void verdictWithAnUndocumentedFieldIsInvalid() throws Exception {
        ObjectNode json = (ObjectNode) MAPPER.readTree(Fixtures.golden("verdict-ok.json"));
        json.put("undocumented", true);

        assertThat(errors(VERDICT, json)).anySatisfy(m -> assertThat(m).contains("undocumented"));
    }

    @Test
    void alertForOkIsInvalid() throws Exception {
        ObjectNode json = (ObjectNode) MAPPER.readTree(Fixtures.golden("alert-defect.json"));
        json.put("decision", "OK");

        assertThat(errors(ALERT, json)).anySatisfy(m -> assertThat(m).contains("decision"));
    }

    @Test
    void alertWithoutDeadlineIsInvalid() throws Exception {
        ObjectNode json = (ObjectNode) MAPPER.readTree(Fixtures.golden("alert-defect.json"));
        json.remove("deadline");

        assertThat(errors(ALERT, json)).anySatisfy(m -> assertThat(m).contains("deadline"));
    }
}

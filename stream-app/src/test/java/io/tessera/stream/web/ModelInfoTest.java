package io.tessera.stream.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tessera.protocol.Json;
import io.tessera.protocol.Verdict;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ModelInfoTest {
    private final ObjectMapper json = Json.newMapper();

    @Test
    void aTaughtThresholdIsShownAsThatCamerasNotTheModels() throws Exception {
        Verdict model = DashboardFixtures.ok("cam-7", "line-1", 1, Instant.EPOCH, 100);
        String taughtJson = json.writeValueAsString(model).replace("\"thresholdSource\":\"model\"",
                "\"thresholdSource\":\"teach-in\"");
        Verdict taught = json.readValue(taughtJson, Verdict.class);

        ModelInfo fromModel = ModelInfo.of(model, null);
        ModelInfo fromTeachIn = ModelInfo.of(taught, null);

        assertThat(fromModel.thresholdSource()).isEqualTo("model");
        assertThat(fromTeachIn.thresholdSource()).isEqualTo("teach-in");
        assertThat(fromTeachIn.cameraId()).isEqualTo("cam-7");
        assertThat(json.readTree(json.writeValueAsString(fromTeachIn)).get("thresholdSource").asText())
                .as("the page reads the label").isEqualTo("teach-in");
    }
}

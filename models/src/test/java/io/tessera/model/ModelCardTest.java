package io.tessera.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.vision.Normalization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCardTest {
    private static final String OLDER_CARD = """
            {
              "name" : "pitting-resnet34", "version" : "1", "architecture" : "ResNet34",
              "classes" : [ "ok", "defect" ], "tileSize" : 256, "tileOverlap" : 32, "inputSize" : 128,
              "normalizationMean" : [ 0.485, 0.456, 0.406 ], "normalizationStd" : [ 0.229, 0.224, 0.225 ],
              "threshold" : 0.9, "inputName" : "input", "outputName" : "defect_probability", "details" : { }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void aCardWrittenBeforeTheScopeExistedReadsAsTheDatasetScope() throws IOException {
        Files.writeString(dir.resolve(ModelCard.FILE_NAME), OLDER_CARD);

        ModelCard card = ModelCard.read(dir);

        assertThat(card.normalizationScope()).isEqualTo("dataset");
        assertThat(card.normalization()).isEqualTo(Normalization.imagenet());
    }

    @Test
    void aPerTileCardReadsBackPerTile() throws IOException {
        Normalization perTile = Normalization.perTile();
        new ModelCard("m", "1", "ResNet18", null, 256, 32, 128, perTile.mean(), perTile.std(), "tile", 0.9, "input",
                "defect_probability", Map.of()).write(dir);

        assertThat(Files.readString(dir.resolve(ModelCard.FILE_NAME))).contains("\"normalizationScope\" : \"tile\"");
        assertThat(ModelCard.read(dir).normalization()).isEqualTo(perTile);
    }

    @Test
    void anUnknownScopeOrAMissingRequiredFieldIsRefusedNamingIt() throws IOException {
        Files.writeString(dir.resolve(ModelCard.FILE_NAME), OLDER_CARD.replace("\"details\"",
                "\"normalizationScope\" : \"frame\", \"details\""));
        assertThatThrownBy(() -> ModelCard.read(dir)).hasMessageContaining("model card").hasMessageContaining("frame");

        Files.writeString(dir.resolve(ModelCard.FILE_NAME), OLDER_CARD.replace("\"threshold\" : 0.9,", ""));
        assertThatThrownBy(() -> ModelCard.read(dir)).hasMessageContaining("threshold");

        Files.writeString(dir.resolve(ModelCard.FILE_NAME), OLDER_CARD.replace("\"inputName\" : \"input\",", ""));
        assertThatThrownBy(() -> ModelCard.read(dir)).hasMessageContaining("inputName");
    }
}

package io.tessera.model.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tessera.model.ModelCard;
import io.tessera.model.TestData;
import io.tessera.model.data.DatasetIndex;
import io.tessera.model.eval.Evaluation;
import io.tessera.model.eval.ImageScore;
import io.tessera.model.eval.ImageScorer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The model in the repository: size, card, DJL loading, and its figures on the repository's sample images. */
class ShippedModelTest {
    private static DjlTileClassifier classifier;
    private static List<ImageScore> scores;

    @BeforeAll
    static void scoreTheSamples() {
        classifier = DjlTileClassifier.load(TestData.shippedModel(), ServingOptions.of(Precision.FP32));
        scores = new ImageScorer(classifier).scoreAll(DatasetIndex.scan(TestData.samples()).images(), s -> { });
    }

    @AfterAll
    static void close() {
        if (classifier != null) {
            classifier.close();
        }
    }

    @Test
    void isAResNet34UnderFiftyMegabytesWithACalibratedCard() throws Exception {
        long bytes;
        try (Stream<Path> files = Files.walk(TestData.shippedModel())) {
            bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        assertThat(bytes).isLessThanOrEqualTo(50L * 1024 * 1024);
        ModelCard card = classifier.card();
        assertThat(card.name()).isEqualTo("pitting-resnet34");
        assertThat(card.architecture()).startsWith("ResNet34");
        assertThat(card.inputName()).isEqualTo("input");
        assertThat(card.outputName()).isEqualTo("defect_probability");
        assertThat(card.tileSize()).isEqualTo(256);
        assertThat(card.inputSize()).isEqualTo(128);
        assertThat(card.details().get("calibration")).asString().contains("status=calibrated");
        assertThat(card.details()).containsKeys("training", "data", "evaluation");
        assertThat(classifier.device()).contains("CPU");
    }

    /** Every sample image is from the TEST groups: the model never saw them. */
    @Test
    void evalOnTheSamplesGivesTheExpectedCounts() {
        Evaluation e = Evaluation.of(scores, classifier.card().threshold());
        assertThat(e.images()).isEqualTo(16);
        assertThat(e.goodImages()).isEqualTo(8);
        assertThat(e.defectImages()).isEqualTo(8);
        assertThat(new int[] {e.trueNegatives(), e.falsePositives(), e.falseNegatives(), e.truePositives()})
                .containsExactly(EXPECTED_TN, EXPECTED_FP, EXPECTED_FN, EXPECTED_TP);
    }

    /**
     * The shipped weights are stored in fp16 and cast to fp32 in the graph; the image scores of the
     * fp32-stored export of the same checkpoint were recorded when it was shipped.
     */
    @Test
    void halfPrecisionStorageScoresLikeTheFp32Weights() throws Exception {
        JsonNode reference;
        try (InputStream in = ShippedModelTest.class.getResourceAsStream("shipped-fp32-sample-scores.json")) {
            reference = JsonMapper.builder().build().readTree(in);
        }
        Map<String, Double> fp32 = new HashMap<>();
        reference.get("imageScores").forEach(n -> fp32.put(n.get("image").asText(), n.get("score").asDouble()));
        assertThat(fp32).hasSize(16);
        for (ImageScore s : scores) {
            assertThat(s.score()).as(s.image().fileName()).isCloseTo(fp32.get(s.image().fileName()),
                    within(FP16_STORAGE_TOLERANCE));
        }
    }

    /** Largest image-score change allowed from fp16 weight storage (measured: see the model card). */
    static final double FP16_STORAGE_TOLERANCE = 0.01;
    static final int EXPECTED_TN = 8;
    static final int EXPECTED_FP = 0;
    static final int EXPECTED_FN = 0;
    static final int EXPECTED_TP = 8;
}

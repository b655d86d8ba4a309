package io.tessera.stream.topology;

import static io.tessera.stream.topology.TopologyHarness.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tessera.protocol.Alert;
import io.tessera.protocol.ContentType;
import io.tessera.protocol.Decision;
import io.tessera.protocol.DefectTile;
import io.tessera.protocol.FrameHeaders;
import io.tessera.protocol.FrameMetadata;
import io.tessera.protocol.GroundTruth;
import io.tessera.protocol.Region;
import io.tessera.protocol.Verdict;
import io.tessera.testing.TestFrames;
import io.tessera.vision.EdgePolicy;
import io.tessera.vision.TileGrid;
import io.tessera.vision.TilingSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

class InspectionTopologyTest {
    private static final Instant CAPTURE = NOW.minusMillis(120);

    private static Headers jpegHeaders(long seq) {
        return TestFrames.headers("line-a", seq, CAPTURE, ContentType.JPEG);
    }

    private static String header(Headers headers, String name) {
        return headers.lastHeader(name) == null ? null
                : new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Test
    void aCleanFrameGetsAnOkVerdictAndNoAlert() {
        try (TopologyHarness h = new TopologyHarness(Map.of())) {
            h.send("cam-1", TestFrames.whiteJpeg(256, 128), jpegHeaders(7));

            Verdict v = h.verdicts.readValue();
            assertThat(v.decision()).isEqualTo(Decision.OK);
            assertThat(v.cameraId()).isEqualTo("cam-1");
            assertThat(v.lineId()).isEqualTo("line-a");
            assertThat(v.sequence()).isEqualTo(7);
            assertThat(v.captureTime()).isEqualTo(CAPTURE);
            assertThat(v.decidedAt()).isEqualTo(NOW);
            assertThat(v.tileCount()).isEqualTo(8); // 256x128 in 64-px tiles
            assertThat(v.defectScore()).isLessThan(0.05);
            assertThat(v.confidence()).isCloseTo(1 - v.defectScore(), within(1e-9));
            assertThat(v.threshold()).isEqualTo(0.5);
            assertThat(v.model().name()).isEqualTo("test-brightness");
            assertThat(v.model().version()).isEqualTo("1");
            assertThat(v.defectTiles()).isEmpty();
            assertThat(v.latency().queueMs()).isEqualTo(120.0);
            assertThat(v.latency().totalMs()).isEqualTo(120.0);
            assertThat(h.alerts.isEmpty()).isTrue();
            assertThat(h.deadLetters.isEmpty()).isTrue();
            assertThat(h.count("verdicts", "decision", "OK")).isEqualTo(1);
            assertThat(h.count("frames.in")).isEqualTo(1);
        }
    }

    @Test
    void aDarkSquareIsADefectWithItsTileAndRaisesAnAlertKeyedByLine() {
        try (TopologyHarness h = new TopologyHarness(Map.of())) {
            Headers headers = jpegHeaders(3);
            headers.add(FrameHeaders.PART_ID, "part-42".getBytes(StandardCharsets.UTF_8));
            h.send("cam-1", TestFrames.jpeg(256, 128, 70, 5, 54), headers);

            Verdict v = h.verdicts.readValue();
            assertThat(v.decision()).isEqualTo(Decision.DEFECT);
            assertThat(v.partId()).isEqualTo("part-42");
            assertThat(v.defectTiles()).hasSize(1);
            DefectTile tile = v.defectTiles().get(0);
            assertThat(List.of(tile.x(), tile.y(), tile.width(), tile.height())).containsExactly(64, 0, 64, 64);
            // 54 x 54 black pixels in a 64 x 64 white tile
            assertThat(tile.score()).isCloseTo(54.0 * 54 / (64 * 64), within(0.03));
            assertThat(v.defectScore()).isEqualTo(tile.score());
            assertThat(v.confidence()).isEqualTo(v.defectScore());

            TestRecord<String, Alert> alert = h.alerts.readRecord();
            assertThat(alert.key()).isEqualTo("line-a");
            assertThat(alert.value().decision()).isEqualTo(Decision.DEFECT);
            assertThat(alert.value().partId()).isEqualTo("part-42");
            assertThat(alert.value().sequence()).isEqualTo(3);
            assertThat(alert.value().deadline()).isEqualTo(CAPTURE.plus(Duration.ofMillis(3000)));
        }
    }

    @Test
    void theFrameScoreIsTheHighestTileAndEveryTileAtTheThresholdIsListedHighestFirst() {
        try (TopologyHarness h = new TopologyHarness(Map.of())) {
            Mat image = TestFrames.image(256, 128, 0, 0, 64); // tile 0 all black
            Imgproc.rectangle(image, new Point(192, 64),
                    new Point(192 + 47, 64 + 63), new Scalar(0, 0, 0), -1); // 3/4 of tile 7
            h.send("cam-1", TestFrames.encode(image, ".png"), TestFrames.headers("line-a", 1, CAPTURE, ContentType.PNG));

            Verdict v = h.verdicts.readValue();
            assertThat(v.decision()).isEqualTo(Decision.DEFECT);
            assertThat(v.defectScore()).isCloseTo(1.0, within(1e-6));
            assertThat(v.defectTiles()).extracting(DefectTile::x, DefectTile::y)
                    .containsExactly(Tuple.tuple(0, 0), Tuple.tuple(192, 64));
            assertThat(v.defectTiles().get(1).score()).isCloseTo(0.75, within(1e-6));
        }
    }

    @Test
    void tilingFollowsTheModelCardUnlessOverriddenAndUsesTheSharedGrid() {
        byte[] frame = TestFrames.whiteJpeg(300, 130);
        try (TopologyHarness h = new TopologyHarness(Map.of())) {
            h.send("cam-1", frame, jpegHeaders(1));
            int expected = TileGrid.layout(300, 130, new TilingSpec(64, 0, 32, EdgePolicy.SHIFT_INWARD)).size();
            assertThat(h.verdicts.readValue().tileCount()).isEqualTo(expected).isEqualTo(5 * 3);
            assertThat(h.classifier.batchSizes()).containsExactly(15);
        }
        try (TopologyHarness h = new TopologyHarness(Map.of("tiling.tile-size", "100", "tiling.overlap", "20",
                "tiling.input-size", "50", "tiling.edge-policy", "PAD"))) {
            h.send("cam-1", frame, jpegHeaders(1));
            int expected = TileGrid.layout(300, 130, new TilingSpec(100, 20, 50, EdgePolicy.PAD)).size();
            assertThat(h.verdicts.readValue().tileCount()).isEqualTo(expected).isEqualTo(4 * 2);
        }
    }

    @Test
    void rawFramesAreTiledWithoutADecoder() {
        try (TopologyHarness h = new TopologyHarness(Map.of())) {
            byte[] mono = new byte[128 * 64];
            Arrays.fill(mono, (byte) 255);
            h.send("cam-1", mono, TestFrames.headers("line-a", 1, CAPTURE, ContentType.MONO8, 128, 64));
            Verdict v = h.verdicts.readValue();
            assertThat(v.decision()).isEqualTo(Decision.OK);
            assertThat(v.tileCount()).isEqualTo(2);
        }
    }

    @Test
    void groundTruthIsCarriedIntoTheVerdict() {
        try (TopologyHarness h = new TopologyHarness(Map.of())) {
            Headers headers = new RecordHeaders();
            FrameMetadata.of("cam-1", "line-a", 1, CAPTURE, ContentType.JPEG)
                    .withGroundTruth(GroundTruth.DEFECT, List.of(new Region(70, 5, 54, 54))).writeTo(headers);
            h.send("cam-1", TestFrames.jpeg(256, 128, 70, 5, 54), headers);
            assertThat(h.verdicts.readValue().groundTruth()).isEqualTo(GroundTruth.DEFECT);
        }
    }

    @Test
    void aFrameAlreadyPastItsBudgetIsUnknownLateWithoutRunningTheModel() {
        try (TopologyHarness h = new TopologyHarness(Map.of("inspection.budget-ms", "2000"))) {
            h.send("cam-1", TestFrames.jpeg(256, 128, 70, 5, 54),
                    TestFrames.headers("line-a", 9, NOW.minusSeconds(5), ContentType.JPEG));
            h.send("cam-1", TestFrames.whiteJpeg(256, 128), jpegHeaders(10));

            Verdict late = h.verdicts.readValue();
            assertThat(late.decision()).isEqualTo(Decision.UNKNOWN);
            assertThat(late.reason()).isEqualTo("late");
            assertThat(late.sequence()).isEqualTo(9);
            assertThat(late.confidence()).isZero();
            assertThat(late.latency().totalMs()).isEqualTo(5000.0);
            Alert alert = h.alerts.readValue();
            assertThat(alert.decision()).isEqualTo(Decision.UNKNOWN);
            assertThat(alert.reason()).isEqualTo("late");
            assertThat(h.verdicts.readValue().decision()).isEqualTo(Decision.OK);
            assertThat(h.classifier.batchSizes()).containsExactly(8); // only the frame in time
            assertThat(h.count("late")).isEqualTo(1);
            assertThat(h.count("unknown", "reason", "late")).isEqualTo(1);
        }
    }

    @Test
    void withoutABudgetAnOldFrameIsStillInspected() {
        try (TopologyHarness h = new TopologyHarness(Map.of("inspection.budget-ms", "0"))) {
            h.send("cam-1", TestFrames.whiteJpeg(256, 128), TestFrames.headers("line-a", 1, NOW.minusSeconds(3600),
                    ContentType.JPEG));
            assertThat(h.verdicts.readValue().decision()).isEqualTo(Decision.OK);
        }
    }

    @Test
    void aModelFailureGivesUnknownModelErrorAndTheNextFrameIsInspected() {
        try (TopologyHarness h = new TopologyHarness(Map.of())) {
            h.classifier.failWith(new IllegalStateException("device lost"));
            h.send("cam-1", TestFrames.whiteJpeg(256, 128), jpegHeaders(1));
            h.classifier.failWith(null);
            h.send("cam-1", TestFrames.whiteJpeg(256, 128), jpegHeaders(2));

            Verdict failed = h.verdicts.readValue();
            assertThat(failed.decision()).isEqualTo(Decision.UNKNOWN);
            assertThat(failed.reason()).isEqualTo("model-error");
            assertThat(h.alerts.readValue().reason()).isEqualTo("model-error");
            assertThat(h.verdicts.readValue().decision()).isEqualTo(Decision.OK);
        }
    }

    @Test
    void aModelAnsweringNaNGivesUnknownModelErrorAndAnAlertNeverADeadLetter() {
        try (TopologyHarness h = new TopologyHarness(Map.of())) {
            h.classifier.answerNaN(true);
            h.send("cam-1", TestFrames.whiteJpeg(256, 128), jpegHeaders(1));
            h.classifier.answerNaN(false);
            h.send("cam-1", TestFrames.whiteJpeg(256, 128), jpegHeaders(2));

            Verdict failed = h.verdicts.readValue();
            assertThat(failed.decision()).isEqualTo(Decision.UNKNOWN);
            assertThat(failed.reason()).isEqualTo("model-error");
            assertThat(failed.sequence()).isEqualTo(1);
            Alert alert = h.alerts.readValue();
            assertThat(alert.reason()).isEqualTo("model-error");
            assertThat(alert.sequence()).isEqualTo(1);
            assertThat(h.verdicts.readValue().decision()).isEqualTo(Decision.OK);
            assertThat(h.deadLetters.isEmpty()).as("a model fault is the model's, never the frame's").isTrue();
            assertThat(h.count("unknown", "reason", "model-error")).isEqualTo(1.0);
            assertThat(h.count("dlq")).isZero();
        }
    }

    @Test
    void thresholdOverrideReplacesTheCards() {
        try (TopologyHarness h = new TopologyHarness(Map.of("model.threshold", "0.8"))) {
            h.send("cam-1", TestFrames.jpeg(256, 128, 70, 5, 54), jpegHeaders(1));
            Verdict v = h.verdicts.readValue();
            assertThat(v.threshold()).isEqualTo(0.8);
            assertThat(v.decision()).isEqualTo(Decision.OK);
        }
    }

    @Test
    void topicNamesTakeThePrefix() {
        try (TopologyHarness h = new TopologyHarness(Map.of("topics.prefix", "plant1."))) {
            assertThat(h.topology.build().describe().toString())
                    .contains("plant1.frames", "plant1.verdicts", "plant1.alerts", "plant1.frames.dlq");
        }
    }
}

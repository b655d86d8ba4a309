package io.tessera.stream.topology;

import static io.tessera.stream.topology.TopologyHarness.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.protocol.CameraThreshold;
import io.tessera.protocol.ContentType;
import io.tessera.protocol.Decision;
import io.tessera.protocol.ModelRef;
import io.tessera.protocol.ThresholdSource;
import io.tessera.protocol.Verdict;
import io.tessera.testing.TestFrames;
import io.tessera.protocol.ModelTopics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;

/** Which threshold a frame is decided at: model.threshold, the camera's teach-in for the model that scores it, or the model's. */
class TeachInTopologyTest {
    private static final Instant CAPTURE = NOW.minusMillis(100);
    private static final String APP = "tessera-inspect";
    private static final ModelRef SERVING = new ModelRef("test-brightness", "1");
    /** A black square over 52x52 of a 64-px tile: that tile scores about 0.66, above the card's 0.5. */
    private static final byte[] GREYISH = png(52);

    private static byte[] png(int side) {
        Mat image = TestFrames.image(256, 128, 0, 0, side);
        try {
            return TestFrames.encode(image, ".png");
        } finally {
            image.release();
        }
    }

    private static CameraThreshold taught(String camera, ModelRef model, double threshold) {
        return new CameraThreshold(camera, model, threshold, 0.005, 20, 0.41, "rec-" + camera, NOW.minusSeconds(3600));
    }

    private static Verdict decide(TopologyHarness h, String camera, long seq) {
        h.send(camera, GREYISH, TestFrames.headers("line-a", seq, CAPTURE, ContentType.PNG));
        return h.verdicts.readValue();
    }

    @Test
    void aCameraTaughtOnTheServingModelIsDecidedAtItsOwnThresholdOthersAtTheModels() {
        try (TopologyHarness h = new TopologyHarness(Map.of())) {
            h.thresholds.pipeInput(CameraThreshold.key(APP, "cam-1"), taught("cam-1", SERVING, 0.9));
            h.thresholds.pipeInput(CameraThreshold.key("another-app", "cam-2"), taught("cam-2", SERVING, 0.95));

            Verdict cam1 = decide(h, "cam-1", 1);
            Verdict cam2 = decide(h, "cam-2", 1);

            assertThat(cam1.defectScore()).isBetween(0.5, 0.9);
            assertThat(cam1.thresholdSource()).isEqualTo(ThresholdSource.TEACH_IN);
            assertThat(cam1.threshold()).isEqualTo(0.9);
            assertThat(cam1.decision()).isEqualTo(Decision.OK);
            assertThat(cam1.defectTiles()).isEmpty();
            assertThat(cam2.thresholdSource()).as("a record of another application").isEqualTo(ThresholdSource.MODEL);
            assertThat(cam2.threshold()).isEqualTo(0.5);
            assertThat(cam2.decision()).isEqualTo(Decision.DEFECT);
            assertThat(h.alerts.readValue().cameraId()).isEqualTo("cam-2");
            assertThat(h.alerts.isEmpty()).isTrue();
            assertThat(gauge(h, "cam-1", "teach-in")).isEqualTo(0.9);
            assertThat(gauge(h, "cam-2", "model")).isEqualTo(0.5);
        }
    }

    @Test
    void aLowerTaughtThresholdRejectsWhatTheModelsWouldPass() {
        try (TopologyHarness h = new TopologyHarness(Map.of())) {
            h.thresholds.pipeInput(CameraThreshold.key(APP, "cam-1"), taught("cam-1", SERVING, 0.6));

            Verdict v = decide(h, "cam-1", 1);

            assertThat(v.thresholdSource()).isEqualTo(ThresholdSource.TEACH_IN);
            assertThat(v.decision()).isEqualTo(v.defectScore() >= 0.6 ? Decision.DEFECT : Decision.OK);
        }
    }

    @Test
    void aRecordTaughtOnAnotherModelVersionIsNotAppliedAndIsCounted() {
        try (TopologyHarness h = new TopologyHarness(Map.of())) {
            h.thresholds.pipeInput(CameraThreshold.key(APP, "cam-1"), taught("cam-1", new ModelRef("test-brightness", "0"), 0.9));

            Verdict first = decide(h, "cam-1", 1);
            Verdict second = decide(h, "cam-1", 2);

            for (Verdict v : new Verdict[] {first, second}) {
                assertThat(v.thresholdSource()).isEqualTo(ThresholdSource.MODEL);
                assertThat(v.threshold()).isEqualTo(0.5);
                assertThat(v.decision()).isEqualTo(Decision.DEFECT);
            }
            assertThat(h.registry.find("tessera.teachin.stale").tag("camera", "cam-1").counter().count()).isEqualTo(2);
        }
    }

    @Test
    void theModelThresholdSettingWinsOverTeachIn() {
        try (TopologyHarness h = new TopologyHarness(Map.of("model.threshold", "0.95"))) {
            h.thresholds.pipeInput(CameraThreshold.key(APP, "cam-1"), taught("cam-1", SERVING, 0.6));

            Verdict v = decide(h, "cam-1", 1);

            assertThat(v.thresholdSource()).isEqualTo(ThresholdSource.OVERRIDE);
            assertThat(v.threshold()).isEqualTo(0.95);
            assertThat(v.decision()).isEqualTo(Decision.OK);
        }
    }

    @Test
    void aTeachInTakesEffectFromTheNextFrameAndATombstoneUndoesIt() {
        try (TopologyHarness h = new TopologyHarness(Map.of())) {
            Verdict before = decide(h, "cam-1", 1);
            h.thresholds.pipeInput(CameraThreshold.key(APP, "cam-1"), taught("cam-1", SERVING, 0.9));
            Verdict taught = decide(h, "cam-1", 2);
            h.thresholds.pipeInput(CameraThreshold.key(APP, "cam-1"), (CameraThreshold) null);
            Verdict forgotten = decide(h, "cam-1", 3);

            assertThat(before.thresholdSource()).isEqualTo(ThresholdSource.MODEL);
            assertThat(taught.thresholdSource()).isEqualTo(ThresholdSource.TEACH_IN);
            assertThat(forgotten.thresholdSource()).isEqualTo(ThresholdSource.MODEL);
            assertThat(forgotten.decision()).isEqualTo(Decision.DEFECT);
            assertThat(gauge(h, "cam-1", "model")).isEqualTo(0.5);
            assertThat(h.registry.find("tessera.camera.threshold").tags("camera", "cam-1", "source", "teach-in").gauge())
                    .as("one series per camera").isNull();
        }
    }

    private static double gauge(TopologyHarness h, String camera, String source) {
        return h.registry.find("tessera.camera.threshold").tags("camera", camera, "source", source).gauge().value();
    }

    @Test
    void anUnreadableThresholdRecordIsSkippedAndInspectionGoesOn() {
        try (TopologyHarness h = new TopologyHarness(Map.of())) {
            var raw = h.driver.createInputTopic(ModelTopics.withPrefix(h.config.topicPrefix()).thresholds().name(),
                    new StringSerializer(), new ByteArraySerializer());
            h.thresholds.pipeInput(CameraThreshold.key(APP, "cam-1"), taught("cam-1", SERVING, 0.9));
            raw.pipeInput(CameraThreshold.key(APP, "cam-1"), "{not json".getBytes(StandardCharsets.UTF_8));
            h.thresholds.pipeInput(CameraThreshold.key(APP, "cam-2"), taught("cam-2", SERVING, 0.9));

            Verdict cam1 = decide(h, "cam-1", 1);
            Verdict cam2 = decide(h, "cam-2", 1);

            assertThat(cam1.thresholdSource()).as("the unreadable record replaced the readable one")
                    .isEqualTo(ThresholdSource.MODEL);
            assertThat(cam1.decision()).isEqualTo(Decision.DEFECT);
            assertThat(cam2.thresholdSource()).as("records after the bad one still apply")
                    .isEqualTo(ThresholdSource.TEACH_IN);
        }
    }
}

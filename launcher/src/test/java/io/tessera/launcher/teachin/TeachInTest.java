package io.tessera.launcher.teachin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.ingest.CapturedFrame;
import io.tessera.ingest.recording.RecordingReader;
import io.tessera.ingest.recording.RecordingWriter;
import io.tessera.model.eval.TeachInThreshold;
import io.tessera.protocol.CameraThreshold;
import io.tessera.protocol.ContentType;
import io.tessera.protocol.FrameMetadata;
import io.tessera.protocol.GroundTruth;
import io.tessera.protocol.ModelRef;
import io.tessera.stream.app.OfflineInspection;
import io.tessera.stream.config.ConfigLoader;
import io.tessera.testing.BrightnessClassifier;
import io.tessera.testing.TestFrames;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;

/** Which frames teach-in takes from a recording, and what it makes of their scores. */
class TeachInTest {
    private static final Instant NOW = Instant.parse("2026-12-01T06:00:00Z");

    @TempDir
    Path dir;

    /** A white 256x128 PNG with a black square of {@code side} px in its first 64-px tile: that tile scores side^2/4096. */
    private static byte[] png(int side) {
        Mat image = TestFrames.image(256, 128, 0, 0, side);
        try {
            return TestFrames.encode(image, ".png");
        } finally {
            image.release();
        }
    }

    private record Frame(String camera, int side, GroundTruth truth) {
    }

    private RecordingReader recording(List<Frame> frames) throws IOException {
        Path rec = dir.resolve("rec");
        try (RecordingWriter w = RecordingWriter.create(rec, "frames", "teach-in test")) {
            long seq = 0;
            for (Frame f : frames) {
                FrameMetadata meta = FrameMetadata.of(f.camera(), "line-1", seq, NOW.plusSeconds(seq), ContentType.PNG);
                if (f.truth() != null) {
                    meta = meta.withGroundTruth(f.truth(), List.of());
                }
                w.append(List.of(new RecordingWriter.SourcedFrame(CapturedFrame.of(meta, png(f.side())), "frames", 0, seq++)));
            }
        }
        return RecordingReader.open(rec);
    }

    /** The inspect app's offline path with the stand-in classifier: frames are scored as inspect scores them. */
    private static OfflineInspection inspection(Clock clock) throws InterruptedException {
        return OfflineInspection.start(ConfigLoader.withOverrides(Map.of("kafka.bootstrap.servers", "unused:9092",
                "batch.max-wait-ms", "0")), request -> BrightnessClassifier.standard(), clock);
    }

    private static List<Frame> good(String camera, int n) {
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            frames.add(new Frame(camera, 8 + 2 * i, GroundTruth.OK));
        }
        return frames;
    }

    @Test
    void takesEveryFrameOfTheOnlyCamera() throws Exception {
        CameraFrames frames = CameraFrames.of(recording(good("cam-1", 3)), null);

        assertThat(frames.cameraId()).isEqualTo("cam-1");
        assertThat(frames.frames()).hasSize(3);
    }

    @Test
    void takesTheNamedCameraOfSeveralAndRefusesToGuess() throws Exception {
        List<Frame> mixed = new ArrayList<>(good("cam-1", 3));
        mixed.addAll(good("cam-2", 2));
        RecordingReader rec = recording(mixed);

        assertThat(CameraFrames.of(rec, "cam-2").frames()).hasSize(2);
        assertThatThrownBy(() -> CameraFrames.of(rec, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 cameras [cam-1, cam-2]").hasMessageContaining("--camera");
        assertThatThrownBy(() -> CameraFrames.of(rec, "cam-9")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--camera cam-9").hasMessageContaining("[cam-1, cam-2]");
    }

    @Test
    void refusesAFrameLabelledDefect() throws Exception {
        List<Frame> frames = new ArrayList<>(good("cam-1", 3));
        frames.add(new Frame("cam-1", 60, GroundTruth.DEFECT));
        RecordingReader rec = recording(frames);

        assertThatThrownBy(() -> CameraFrames.of(rec, "cam-1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("frame 3").hasMessageContaining("DEFECT").hasMessageContaining("known-good");
    }

    @Test
    void fitsTheThresholdToTheGoodScoresWithTheRuleAndStampsItWithTheModelAndClock() throws Exception {
        CameraFrames frames = CameraFrames.of(recording(good("cam-1", 12)), null); // squares 8..30 px
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        List<Integer> progress = new ArrayList<>();

        TeachIn.Taught taught;
        try (OfflineInspection inspection = inspection(clock)) {
            taught = new TeachIn(TeachInThreshold.DEFAULT, clock).run(frames, inspection, inspection.card(), "rec-cam-1",
                    progress::add);
        }

        CameraThreshold t = taught.threshold();
        double highest = taught.scores()[11];
        assertThat(highest).isGreaterThan(taught.scores()[0]);
        assertThat(t.threshold()).isEqualTo(TeachInThreshold.DEFAULT.fit(taught.scores()).threshold());
        assertThat(t.threshold()).isGreaterThan(highest);
        assertThat(t.highestGoodScore()).isEqualTo(highest);
        assertThat(t.goodFrames()).isEqualTo(12);
        assertThat(t.cameraId()).isEqualTo("cam-1");
        assertThat(t.model()).isEqualTo(new ModelRef("test-brightness", "1"));
        assertThat(t.targetFalseRejectRate()).isEqualTo(0.005);
        assertThat(t.recording()).isEqualTo("rec-cam-1");
        assertThat(t.calibratedAt()).isEqualTo(NOW);
        assertThat(progress).hasSize(12).endsWith(12);
    }

    @Test
    void tooFewFramesAreRefusedNamingTheOption() throws Exception {
        CameraFrames frames = CameraFrames.of(recording(good("cam-1", 3)), null);

        try (OfflineInspection inspection = inspection(Clock.systemUTC())) {
            assertThatThrownBy(() -> new TeachIn(TeachInThreshold.DEFAULT, Clock.systemUTC()).run(frames, inspection,
                    inspection.card(), "r", n -> { }))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 10")
                    .hasMessageContaining("--min-frames");
        }
    }
}

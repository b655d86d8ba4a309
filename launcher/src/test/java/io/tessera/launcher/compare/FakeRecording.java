package io.tessera.launcher.compare;

import io.tessera.ingest.CapturedFrame;
import io.tessera.ingest.recording.RecordingWriter;
import io.tessera.protocol.ContentType;
import io.tessera.protocol.FrameMetadata;
import io.tessera.protocol.GroundTruth;
import io.tessera.testing.TestFrames;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A recording of 256x128 frames for {@link io.tessera.testing.BrightnessClassifier} (64-px tiles,
 * a tile's score its darkness): a 40-px black square scores about 0.39, a 64-px one about 1.
 */
final class FakeRecording {
    static final Instant CAPTURE = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3600);

    private FakeRecording() {
    }

    /**
     * seq 0 white (OK), 1 a 40-px square at (0,0) (OK), 2 a 64-px square at (64,0) (DEFECT),
     * 3 a 40-px square at (128,64) (DEFECT), 4 no bytes at all (OK; dead-lettered), 5 white without ground truth.
     */
    static Path write(Path dir, boolean withTruth) throws IOException {
        try (RecordingWriter w = RecordingWriter.create(dir, "frames", "test")) {
            append(w, 0, TestFrames.whiteJpeg(256, 128), withTruth ? GroundTruth.OK : null);
            append(w, 1, TestFrames.jpeg(256, 128, 0, 0, 40), withTruth ? GroundTruth.OK : null);
            append(w, 2, TestFrames.jpeg(256, 128, 64, 0, 64), withTruth ? GroundTruth.DEFECT : null);
            append(w, 3, TestFrames.jpeg(256, 128, 128, 64, 40), withTruth ? GroundTruth.DEFECT : null);
            append(w, 4, new byte[0], withTruth ? GroundTruth.OK : null);
            append(w, 5, TestFrames.whiteJpeg(256, 128), null);
        }
        return dir;
    }

    private static void append(RecordingWriter w, long seq, byte[] bytes, GroundTruth truth) throws IOException {
        FrameMetadata meta = FrameMetadata.of("cam-1", "line-1", seq, CAPTURE.plusMillis(100 * seq), ContentType.JPEG);
        if (truth != null) {
            meta = meta.withGroundTruth(truth, List.of());
        }
        RecordHeaders headers = new RecordHeaders();
        meta.writeTo(headers);
        CapturedFrame frame = new CapturedFrame("cam-1", List.of(headers.toArray()), bytes, meta.captureTime());
        w.append(List.of(new RecordingWriter.SourcedFrame(frame, "frames", 0, seq)));
    }
}

package io.tessera.ingest.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.ingest.CapturedFrame;
import io.tessera.protocol.ContentType;
import io.tessera.protocol.FrameMetadata;
import io.tessera.protocol.GroundTruth;
import io.tessera.protocol.Region;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

class LineSimulatorTest {

    private static List<CapturedFrame> render(LineSimulator sim, int camera, int n) throws InterruptedException {
        List<CapturedFrame> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(sim.cameras().get(camera).next().orElseThrow());
        }
        return out;
    }

    @Test
    void sameSeedGivesByteIdenticalFramesWhateverTheThreading() throws InterruptedException {
        List<CapturedFrame> a;
        List<CapturedFrame> b;
        List<CapturedFrame> other;
        try (LineSimulator sim = LineSimulator.builder().seed(11).defectRate(0.5).renderThreads(2).build()) {
            a = render(sim, 0, 6);
        }
        try (LineSimulator sim = LineSimulator.builder().seed(11).defectRate(0.5).renderThreads(0).build()) {
            b = render(sim, 0, 6);
        }
        try (LineSimulator sim = LineSimulator.builder().seed(12).defectRate(0.5).renderThreads(0).build()) {
            other = render(sim, 0, 6);
        }
        for (int i = 0; i < 6; i++) {
            assertThat(a.get(i).value()).as("frame %d", i).isEqualTo(b.get(i).value());
            assertThat(a.get(i).metadata().groundTruthRegions()).isEqualTo(b.get(i).metadata().groundTruthRegions());
            assertThat(a.get(i).value()).isNotEqualTo(other.get(i).value());
        }
    }

    @Test
    void framesAre2kJpegsWithGroundTruthAndLineMetadata() throws InterruptedException {
        try (LineSimulator sim = LineSimulator.builder().seed(3).defectRate(0.5).framesPerPart(2).renderThreads(0).build()) {
            List<CapturedFrame> frames = render(sim, 0, 12);
            Set<GroundTruth> seen = new HashSet<>();
            for (int i = 0; i < frames.size(); i++) {
                FrameMetadata m = frames.get(i).metadata();
                assertThat(m.cameraId()).isEqualTo("cam");
                assertThat(m.lineId()).isEqualTo("line");
                assertThat(m.sequence()).isEqualTo(i);
                assertThat(m.partId()).isEqualTo("line-part-" + (i / 2));
                assertThat(m.contentType()).isEqualTo(ContentType.JPEG);
                assertThat(m.width()).isEqualTo(2048);
                assertThat(m.height()).isEqualTo(1080);
                assertThat(m.groundTruth()).isNotNull();
                seen.add(m.groundTruth());
                if (m.groundTruth() == GroundTruth.DEFECT) {
                    assertThat(m.groundTruthRegions()).isNotEmpty().allSatisfy(r -> {
                        assertThat(r.x()).isBetween(0, 2047);
                        assertThat(r.y()).isBetween(0, 1079);
                        assertThat(r.x() + r.width()).isLessThanOrEqualTo(2048);
                        assertThat(r.y() + r.height()).isLessThanOrEqualTo(1080);
                    });
                } else {
                    assertThat(m.groundTruthRegions()).isEmpty();
                }
                Mat decoded = Imgcodecs.imdecode(new MatOfByte(frames.get(i).value()), Imgcodecs.IMREAD_COLOR);
                assertThat(decoded.cols()).isEqualTo(2048);
                assertThat(decoded.rows()).isEqualTo(1080);
                // real photo content everywhere: no black gaps left on the canvas
                assertThat(Core.countNonZero(channel0(decoded))).isGreaterThan((int) (0.99 * 2048 * 1080));
                decoded.release();
            }
            assertThat(seen).containsExactlyInAnyOrder(GroundTruth.OK, GroundTruth.DEFECT);
        }
    }

    private static Mat channel0(Mat bgr) {
        Mat gray = new Mat();
        Imgproc.cvtColor(bgr, gray, Imgproc.COLOR_BGR2GRAY);
        return gray;
    }

    @Test
    void defectRateZeroAndOne() throws InterruptedException {
        try (LineSimulator sim = LineSimulator.builder().seed(5).defectRate(0).renderThreads(0).distinctFrames(4).build()) {
            assertThat(render(sim, 0, 8)).allSatisfy(f -> assertThat(f.metadata().groundTruth()).isEqualTo(GroundTruth.OK));
        }
        try (LineSimulator sim = LineSimulator.builder().seed(5).defectRate(1).renderThreads(0).build()) {
            assertThat(render(sim, 0, 8)).allSatisfy(f -> {
                assertThat(f.metadata().groundTruth()).isEqualTo(GroundTruth.DEFECT);
                assertThat(f.metadata().groundTruthRegions()).isNotEmpty();
            });
        }
    }

    @Test
    void severalLinesAndCamerasHaveTheirOwnIdsAndContent() throws InterruptedException {
        try (LineSimulator sim = LineSimulator.builder().lines(2).camerasPerLine(2).seed(9).renderThreads(0)
                .size(1024, 512).build()) {
            assertThat(sim.cameras()).extracting(SimulatedCamera::cameraId)
                    .containsExactly("cam-1-1", "cam-1-2", "cam-2-1", "cam-2-2");
            assertThat(sim.cameras()).extracting(SimulatedCamera::lineId).containsExactly("line-1", "line-1", "line-2", "line-2");
            CapturedFrame a = sim.cameras().get(0).next().orElseThrow();
            CapturedFrame b = sim.cameras().get(1).next().orElseThrow();
            assertThat(a.value()).isNotEqualTo(b.value());
            assertThat(a.metadata().width()).isEqualTo(1024);
        }
    }

    @Test
    void distinctFramesReuseImagesWithFreshHeaders() throws InterruptedException {
        byte[] first;
        try (LineSimulator sim = LineSimulator.builder().seed(2).distinctFrames(3).renderThreads(2).build()) {
            sim.prerender();
            first = sim.cameras().get(0).next().orElseThrow().value();
        }
        try (LineSimulator sim = LineSimulator.builder().seed(2).distinctFrames(3).renderThreads(0).build()) {
            List<CapturedFrame> frames = render(sim, 0, 7);
            assertThat(frames.get(0).value()).isEqualTo(first);
            assertThat(frames.get(3).value()).isSameAs(frames.get(0).value());
            assertThat(frames.get(6).value()).isSameAs(frames.get(0).value());
            assertThat(frames.get(4).value()).isNotEqualTo(frames.get(0).value());
            assertThat(frames.get(6).metadata().sequence()).isEqualTo(6);
        }
    }

    @Test
    void photosArePlacedAtNativeScale() {
        try (LineSimulator sim = LineSimulator.builder().renderThreads(0).build()) {
            // the sample photos are 1130x460 and larger: rows are 460 px, photos unscaled
            assertThat(sim.library().minHeight()).isEqualTo(460);
            assertThat(sim.library().normal()).allSatisfy(p -> assertThat(p.width()).isEqualTo(1130));
        }
    }

    @Test
    void regionsCoverTheVisibleMaskPixels() {
        try (LineSimulator sim = LineSimulator.builder().renderThreads(0).build()) {
            FrameComposer composer = new FrameComposer(sim.library(), 2048, 1080);
            for (int seed = 0; seed < 5; seed++) {
                Composition c = composer.compose(new SplittableRandom(seed), true);
                assertThat(c.truth()).isEqualTo(GroundTruth.DEFECT);
                assertThat(c.sources()).anyMatch(name -> sim.library().defective().stream().anyMatch(d -> d.name().equals(name)));
                for (Region r : c.regions()) {
                    assertThat(r.width()).isPositive();
                }
                c.image().release();
            }
        }
    }
}

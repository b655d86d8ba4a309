package io.tessera.ingest.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.ingest.CapturedFrame;
import io.tessera.ingest.publish.ClockWaiter;
import io.tessera.testing.ManualClock;
import io.tessera.ingest.publish.Waiter;
import io.tessera.ingest.source.FrameEncoder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nu.pattern.OpenCV;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.videoio.VideoWriter;
import org.opencv.videoio.Videoio;

class VideoSourceTest {
    @TempDir
    Path tmp;

    /** Writes an MJPG .avi whose frame i is filled with grey level 20*i (what this OpenCV build can write). */
    static Path writeVideo(Path file, int frames, int w, int h) {
        OpenCV.loadLocally();
        VideoWriter writer = new VideoWriter(file.toString(), Videoio.CAP_OPENCV_MJPEG, VideoWriter.fourcc('M', 'J', 'P', 'G'), 25,
                new Size(w, h), true);
        assertThat(writer.isOpened()).as("MJPG writer").isTrue();
        for (int i = 0; i < frames; i++) {
            Mat m = new Mat(h, w, CvType.CV_8UC3, Scalar.all(20 * i));
            writer.write(m);
            m.release();
        }
        writer.release();
        return file;
    }

    @Test
    void readsAVideoFileTheTestWrote() throws Exception {
        Path avi = writeVideo(tmp.resolve("line.avi"), 6, 320, 240);
        VideoSource source = new VideoSource(VideoInput.parse(avi.toString()), OpenCvCapture.opener(Videoio.CAP_ANY),
                FrameEncoder.jpeg(90), "cam-v", "line-v", Clock.systemUTC(), Waiter.system(), Backoff.defaults(), false);
        assertThat(source.declaredFps()).isEqualTo(25);
        List<CapturedFrame> frames = new ArrayList<>();
        for (Optional<CapturedFrame> f = source.next(); f.isPresent(); f = source.next()) {
            frames.add(f.get());
        }
        source.close();
        assertThat(frames).hasSize(6);
        assertThat(frames.get(5).metadata().width()).isEqualTo(320);
        assertThat(frames.get(5).metadata().sequence()).isEqualTo(5);
    }

    @Test
    void loopingAFileStartsOver() throws Exception {
        Path avi = writeVideo(tmp.resolve("loop.avi"), 3, 64, 48);
        VideoSource source = new VideoSource(VideoInput.parse(avi.toString()), OpenCvCapture.opener(Videoio.CAP_ANY),
                FrameEncoder.jpeg(90), "cam-v", "line-v", Clock.systemUTC(), Waiter.system(), Backoff.defaults(), true);
        for (int i = 0; i < 8; i++) {
            assertThat(source.next()).isPresent();
        }
        source.close();
    }

    @Test
    void unopenableInputsNameTheBackendsThisBuildHas() {
        assertThatThrownBy(() -> new VideoSource(VideoInput.parse("rtsp://127.0.0.1:1/none"), OpenCvCapture.opener(Videoio.CAP_ANY),
                FrameEncoder.jpeg(90), "c", "l", Clock.systemUTC(), Waiter.system(), Backoff.defaults(), false))
                .hasMessageContaining("rtsp://127.0.0.1:1/none").hasMessageContaining("V4L2").hasMessageContaining("CV_MJPEG");
        assertThatThrownBy(() -> VideoInput.parse(tmp.resolve("missing.avi").toString())).hasMessageContaining("no such file");
        assertThat(VideoInput.parse("0").kind()).isEqualTo(VideoInput.Kind.DEVICE);
        assertThat(VideoBackends.available()).anyMatch(b -> b.startsWith("CV_MJPEG"));
    }

    /** A live camera that delivers {@code framesPerOpen} frames, then drops; opening fails {@code failedOpens} times after each drop. */
    static final class FlakyCamera implements Capture.Opener {
        final int framesPerOpen;
        final int failedOpens;
        final ManualClock clock;
        final List<Instant> openAttempts = new ArrayList<>();
        int failuresLeft;
        boolean first = true;

        FlakyCamera(int framesPerOpen, int failedOpens, ManualClock clock) {
            this.framesPerOpen = framesPerOpen;
            this.failedOpens = failedOpens;
            this.clock = clock;
        }

        @Override
        public Capture open(VideoInput input) {
            openAttempts.add(clock.instant());
            if (!first && failuresLeft-- > 0) {
                return null;
            }
            first = false;
            failuresLeft = failedOpens;
            return new Capture() {
                int delivered;

                @Override
                public boolean read(Mat into) {
                    if (delivered++ >= framesPerOpen) {
                        return false;
                    }
                    new Mat(8, 8, CvType.CV_8UC3, Scalar.all(delivered)).copyTo(into);
                    return true;
                }

                @Override
                public double fps() {
                    return 30;
                }

                @Override
                public String backend() {
                    return "FAKE";
                }

                @Override
                public void close() {
                }
            };
        }
    }

    @Test
    void aDroppedCameraReconnectsWithBackoff() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        FlakyCamera camera = new FlakyCamera(2, 3, clock);
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(2), 0);
        VideoSource source = new VideoSource(VideoInput.parse("0"), camera, FrameEncoder.jpeg(90), "cam-u", "line-u",
                clock, ClockWaiter.advancing(clock), backoff, false);
        List<CapturedFrame> frames = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            frames.add(source.next().orElseThrow());
        }
        assertThat(frames).extracting(f -> f.metadata().sequence()).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(source.reconnects()).isEqualTo(2);
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        // first open, then after the first drop: 0.5 s, 1 s, 2 s (failed) and 2 s (capped) later
        assertThat(camera.openAttempts.subList(0, 5)).containsExactly(t0, t0.plusMillis(500), t0.plusMillis(1500),
                t0.plusMillis(3500), t0.plusMillis(5500));
    }

    @Test
    void aCameraThatDoesNotComeBackIsAnErrorAfterTheAllowedAttempts() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        FlakyCamera camera = new FlakyCamera(1, 100, clock);
        VideoSource source = new VideoSource(VideoInput.parse("0"), camera, FrameEncoder.jpeg(90), "cam-u", "line-u",
                clock, ClockWaiter.advancing(clock), new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 4), false);
        assertThat(source.next()).isPresent();
        assertThatThrownBy(source::next).isInstanceOf(IOException.class).hasMessageContaining("did not come back after 4 attempts");
    }
}

package io.tessera.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.ingest.CapturedFrame;
import io.tessera.protocol.ContentType;
import io.tessera.testing.TestFrames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import nu.pattern.OpenCV;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;

class DirectorySourceTest {
    @TempDir
    Path dir;
    private byte[] jpeg;

    @BeforeEach
    void images() throws IOException {
        OpenCV.loadLocally();
        Path sample = Path.of(System.getProperty("tessera.root"), "samples/bsdata/ok");
        try (var files = Files.list(sample)) {
            List<Path> photos = files.sorted().limit(2).toList();
            Files.copy(photos.get(0), dir.resolve("a.jpg"));
            Files.copy(photos.get(1), dir.resolve("c.JPG"));
        }
        jpeg = Files.readAllBytes(dir.resolve("a.jpg"));
        Mat m = new Mat(120, 160, CvType.CV_8UC3, new Scalar(10, 120, 240));
        Imgcodecs.imwrite(dir.resolve("b.png").toString(), m);
        Files.writeString(dir.resolve("broken.jpg"), "this is not an image");
        Files.write(dir.resolve("d-truncated.jpg"), Arrays.copyOf(jpeg, jpeg.length / 2));
        Files.writeString(dir.resolve("notes.txt"), "ignored by the glob");
    }

    private static List<CapturedFrame> drain(DirectorySource source, int max) throws Exception {
        List<CapturedFrame> out = new ArrayList<>();
        for (int i = 0; i < max; i++) {
            Optional<CapturedFrame> f = source.next();
            if (f.isEmpty()) {
                break;
            }
            out.add(f.get());
        }
        return out;
    }

    @Test
    void readsImagesInNameOrderSkippingAndCountingUnreadableOnes() throws Exception {
        DirectorySource source = new DirectorySource(dir, null, false, FrameEncoder.jpeg(90), "cam-d", "line-d", Clock.systemUTC());
        List<CapturedFrame> frames = drain(source, 100);
        assertThat(frames).hasSize(3);
        // a.jpg passes through untouched
        assertThat(frames.get(0).value()).isEqualTo(jpeg);
        assertThat(frames.get(0).metadata().width()).isEqualTo(1130);
        // b.png is re-encoded as JPEG
        assertThat(frames.get(1).metadata().contentType()).isEqualTo(ContentType.JPEG);
        assertThat(frames.get(1).metadata().width()).isEqualTo(160);
        assertThat(frames.get(1).value()[0]).isEqualTo((byte) 0xFF);
        assertThat(frames).extracting(f -> f.metadata().sequence()).containsExactly(0L, 1L, 2L);
        assertThat(source.skippedInputs()).isEqualTo(2); // broken.jpg and d-truncated.jpg
    }

    @Test
    void anExifRotatedJpegIsSentWithItsStoredSizeAsTheInspectionAppReadsIt(@TempDir Path exifDir) throws Exception {
        // Regression: the rotated size went into the headers while the app reads the stored one.
        byte[] rotated = TestFrames.withExifOrientation(TestFrames.whiteJpeg(256, 128), 6);
        Files.write(exifDir.resolve("rotated.jpg"), rotated);
        DirectorySource source = new DirectorySource(exifDir, null, false, FrameEncoder.jpeg(90), "cam-d", "line-d",
                Clock.systemUTC());

        CapturedFrame frame = drain(source, 1).get(0);

        assertThat(frame.metadata().width()).isEqualTo(256);
        assertThat(frame.metadata().height()).isEqualTo(128);
        assertThat(frame.value()).isEqualTo(rotated);
    }

    @Test
    void loopsAndHonoursAGlob() throws Exception {
        DirectorySource source = new DirectorySource(dir, "*.png", true, FrameEncoder.jpeg(90), "cam-d", "line-d", Clock.systemUTC());
        List<CapturedFrame> frames = drain(source, 5);
        assertThat(frames).hasSize(5);
        assertThat(frames.get(4).metadata().sequence()).isEqualTo(4);
    }

    @Test
    void loopingPassesSeeReplacedFiles() throws Exception {
        DirectorySource source = new DirectorySource(dir, "a.jpg", true, FrameEncoder.jpeg(90), "cam-d", "line-d", Clock.systemUTC());
        assertThat(source.next().orElseThrow().value()).isEqualTo(jpeg);
        assertThat(source.next().orElseThrow().value()).isEqualTo(jpeg);
        // the file is replaced by a truncated one: the next pass notices and skips it
        Files.write(dir.resolve("a.jpg"), Arrays.copyOf(jpeg, 1000));
        assertThatThrownBy(source::next).hasMessageContaining("no readable image");
        assertThat(source.skippedInputs()).isEqualTo(1);
    }

    @Test
    void rawOutputFormats() throws Exception {
        DirectorySource source = new DirectorySource(dir, "b.png", false, new FrameEncoder(OutputFormat.MONO8, 90, true),
                "cam-d", "line-d", Clock.systemUTC());
        CapturedFrame f = source.next().orElseThrow();
        assertThat(f.metadata().contentType()).isEqualTo(ContentType.MONO8);
        assertThat(f.value()).hasSize(160 * 120);
        DirectorySource bgr = new DirectorySource(dir, "b.png", false, new FrameEncoder(OutputFormat.BGR8, 90, true),
                "cam-d", "line-d", Clock.systemUTC());
        CapturedFrame g = bgr.next().orElseThrow();
        assertThat(g.value()).hasSize(160 * 120 * 3);
        assertThat(Arrays.copyOf(g.value(), 3)).containsExactly(10, 120, 240); // BGR order, lossless
    }

    @Test
    void aFolderWithoutReadableImagesIsAnErrorNotAnEndlessLoop() throws Exception {
        DirectorySource source = new DirectorySource(dir, "broken.jpg", true, FrameEncoder.jpeg(90), "c", "l", Clock.systemUTC());
        assertThatThrownBy(source::next).isInstanceOf(IOException.class).hasMessageContaining("no readable image");
        assertThatThrownBy(() -> new DirectorySource(dir.resolve("nope"), null, false, FrameEncoder.jpeg(90), "c", "l",
                Clock.systemUTC())).hasMessageContaining("--dir");
    }

    @Test
    void jpegEndMarkerCheck() {
        assertThat(DirectorySource.hasEndMarker(jpeg)).isTrue();
        assertThat(DirectorySource.hasEndMarker(Arrays.copyOf(jpeg, jpeg.length - 1))).isFalse();
        byte[] padded = Arrays.copyOf(jpeg, jpeg.length + 4);
        assertThat(DirectorySource.hasEndMarker(padded)).isTrue();
        MatOfByte buf = new MatOfByte(Arrays.copyOf(jpeg, 100));
        assertThat(buf.total()).isEqualTo(100);
    }
}

package io.tessera.stream.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.protocol.ContentType;
import io.tessera.stream.validate.CaptureWindow;
import io.tessera.stream.validate.FrameValidator;
import io.tessera.stream.validate.FrameValidator.ValidFrame;
import io.tessera.testing.TestFrames;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;

/** The app decodes an EXIF-rotated JPEG at the size its header declares, as camera ingest announces it. */
class ExifOrientationTest {
    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

    @Test
    void anExifRotatedJpegDecodesAtItsStoredSizeNotRotated() {
        byte[] rotated = TestFrames.withExifOrientation(TestFrames.whiteJpeg(256, 128), 6);
        FrameValidator validator = new FrameValidator(1 << 24, 40_000_000, CaptureWindow.DEFAULT,
                Clock.fixed(NOW, ZoneOffset.UTC));

        ValidFrame frame = validator.validate("cam-1", TestFrames.headers("line-a", 1, NOW, ContentType.JPEG, 256, 128), rotated);
        Mat image = FrameDecoder.fullSize().decode(frame, rotated);
        try {
            assertThat(image.cols()).isEqualTo(256);
            assertThat(image.rows()).isEqualTo(128);
        } finally {
            image.release();
        }
    }
}

package io.tessera.stream.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.protocol.ContentType;
import io.tessera.protocol.FrameFormatException;
import io.tessera.testing.TestFrames;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;

class ImageProbeTest {

    @Test
    void aJpegPaddedWithZerosAfterItsEndMarkerIsCompleteAsTheCameraSideSaysIt() {
        // Regression: camera ingest accepted such files while the app called them truncated.
        byte[] jpeg = TestFrames.whiteJpeg(256, 128);
        byte[] padded = Arrays.copyOf(jpeg, jpeg.length + 4096);

        assertThat(ImageProbe.probe(ContentType.JPEG, padded)).isEqualTo(new ImageProbe.Dimensions(256, 128));
    }

    @Test
    void aJpegCutBeforeItsEndMarkerIsStillTruncatedEvenWhenZerosFollow() {
        byte[] jpeg = TestFrames.whiteJpeg(256, 128);
        byte[] cut = Arrays.copyOf(Arrays.copyOf(jpeg, jpeg.length / 2), jpeg.length);

        assertThatThrownBy(() -> ImageProbe.probe(ContentType.JPEG, cut))
                .isInstanceOfSatisfying(FrameFormatException.class, e -> assertThat(e.reason()).isEqualTo("truncated"));
    }

    @Test
    void aRealProgressiveJpegPasses() {
        MatOfByte out = new MatOfByte();
        Imgcodecs.imencode(".jpg", TestFrames.image(640, 480, 90, 120, 150), out,
                new MatOfInt(Imgcodecs.IMWRITE_JPEG_PROGRESSIVE, 1));
        byte[] progressive = out.toArray();

        assertThat(ImageProbe.probe(ContentType.JPEG, progressive)).isEqualTo(new ImageProbe.Dimensions(640, 480));
    }

    @Test
    void aJpegWithThousandsOfScansIsRefusedBeforeDecoding() {
        assertThatThrownBy(() -> ImageProbe.probe(ContentType.JPEG, TestFrames.withExtraScans(TestFrames.whiteJpeg(256, 128), 2000)))
                .isInstanceOfSatisfying(FrameFormatException.class, e -> {
                    assertThat(e.reason()).isEqualTo("too-many-scans");
                    assertThat(e.getMessage()).contains(Integer.toString(ImageProbe.MAX_JPEG_SCANS));
                });
    }
}

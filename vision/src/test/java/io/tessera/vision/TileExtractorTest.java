package io.tessera.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;

class TileExtractorTest {
    private static final Normalization IDENTITY = new Normalization(new float[] {0, 0, 0}, new float[] {1, 1, 1});

    @Test
    void convertsBgrToNormalisedRgbFloats() {
        OpenCv.load();
        Mat bgr = new Mat(64, 64, CvType.CV_8UC3, new Scalar(255, 0, 51)); // B=255, G=0, R=51
        TileExtractor extractor = new TileExtractor(new TilingSpec(64, 0, 32, EdgePolicy.SHIFT_INWARD), Normalization.imagenet());

        float[] tile = extractor.extract(bgr, TileGrid.layout(64, 64, extractor.spec()));

        assertThat(tile).hasSize(32 * 32 * 3);
        assertThat(tile[0]).isCloseTo((0.2f - 0.485f) / 0.229f, within(1e-5f)); // R
        assertThat(tile[1]).isCloseTo((0f - 0.456f) / 0.224f, within(1e-5f)); // G
        assertThat(tile[2]).isCloseTo((1f - 0.406f) / 0.225f, within(1e-5f)); // B
    }

    @Test
    void placesEachTileAtItsOffsetAndKeepsTheirPixelsApart() {
        OpenCv.load();
        Mat bgr = new Mat(32, 64, CvType.CV_8UC3, new Scalar(0, 0, 0));
        bgr.submat(0, 32, 32, 64).setTo(new Scalar(0, 0, 255)); // right half red
        TileExtractor extractor = new TileExtractor(new TilingSpec(32, 0, 16, EdgePolicy.SHIFT_INWARD), IDENTITY);
        List<TileBox> boxes = TileGrid.layout(64, 32, extractor.spec());

        float[] tiles = extractor.extract(bgr, boxes);

        assertThat(boxes).hasSize(2);
        assertThat(tiles[0]).isEqualTo(0f);
        assertThat(tiles[extractor.tileFloats()]).isCloseTo(1f, within(1e-6f));
    }

    @Test
    void decodesARealJpegAndRejectsGarbage() {
        OpenCv.load();
        Mat source = new Mat(40, 60, CvType.CV_8UC3, new Scalar(10, 20, 30));
        MatOfByte jpeg = new MatOfByte();
        Imgcodecs.imencode(".jpg", source, jpeg);

        Mat decoded = ImageDecoder.decode(jpeg.toArray());

        assertThat(decoded.cols()).isEqualTo(60);
        assertThat(decoded.rows()).isEqualTo(40);
        assertThat(decoded.type()).isEqualTo(CvType.CV_8UC3);
        Assertions.assertThatThrownBy(() -> ImageDecoder.decode(new byte[] {1, 2, 3, 4}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be decoded");
    }
}

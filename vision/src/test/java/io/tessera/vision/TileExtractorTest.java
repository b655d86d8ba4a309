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
    void perTileScopeGivesEachChannelOfEachTileZeroMeanAndUnitStd() {
        OpenCv.load();
        Mat bgr = texture(64, 32, 1.0, 0);
        TileExtractor extractor = new TileExtractor(new TilingSpec(32, 0, 32, EdgePolicy.SHIFT_INWARD), Normalization.perTile());

        float[] tiles = extractor.extract(bgr, TileGrid.layout(64, 32, extractor.spec()));

        for (int t = 0; t < 2; t++) {
            for (int c = 0; c < 3; c++) {
                double sum = 0;
                double squares = 0;
                int n = 32 * 32;
                for (int p = 0; p < n; p++) {
                    float v = tiles[t * extractor.tileFloats() + p * 3 + c];
                    sum += v;
                    squares += v * v;
                }
                assertThat(sum / n).as("tile %d channel %d mean", t, c).isCloseTo(0, within(1e-4));
                assertThat(Math.sqrt(squares / n - (sum / n) * (sum / n))).as("tile %d channel %d std", t, c)
                        .isCloseTo(1, within(1e-3));
            }
        }
    }

    @Test
    void perTileScopeTakesOutALightAndWhiteBalanceChangeThatTheDatasetScopePassesOn() {
        OpenCv.load();
        TilingSpec spec = new TilingSpec(32, 0, 32, EdgePolicy.SHIFT_INWARD);
        Mat station = texture(32, 32, 1.0, 0);
        Mat brighter = texture(32, 32, 0.8, 30); // another station: less contrast, more light
        List<TileBox> box = TileGrid.layout(32, 32, spec);

        TileExtractor perTile = new TileExtractor(spec, Normalization.perTile());
        TileExtractor dataset = new TileExtractor(spec, Normalization.imagenet());

        // 8-bit rounding of the changed image leaves a little
        assertThat(maxDifference(perTile.extract(station, box), perTile.extract(brighter, box))).isLessThan(0.05f);
        assertThat(maxDifference(dataset.extract(station, box), dataset.extract(brighter, box))).isGreaterThan(0.3f);
    }

    @Test
    void aFlatTileIsNotStretchedIntoNoise() {
        OpenCv.load();
        Mat bgr = new Mat(32, 32, CvType.CV_8UC3, new Scalar(100, 100, 100));
        bgr.put(0, 0, new byte[] {(byte) 101, (byte) 101, (byte) 101}); // one grey level on one pixel
        TileExtractor extractor = new TileExtractor(new TilingSpec(32, 0, 32, EdgePolicy.SHIFT_INWARD), Normalization.perTile());

        float[] tile = extractor.extract(bgr, TileGrid.layout(32, 32, extractor.spec()));

        float largest = 0;
        for (float v : tile) {
            largest = Math.max(largest, Math.abs(v));
        }
        // divided by the 5-grey-level floor, not by the tiny std of one changed pixel
        assertThat(largest).isCloseTo(1f / 5f, within(0.01f));
    }

    /** A deterministic BGR texture, each channel {@code gain * pattern + offset}. */
    private static Mat texture(int width, int height, double gain, double offset) {
        Mat bgr = new Mat(height, width, CvType.CV_8UC3);
        byte[] pixels = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int c = 0; c < 3; c++) {
                    double pattern = 100 + 40 * Math.sin(x * 0.7 + c) + 30 * Math.cos(y * 0.45 + 2 * c) + (x * y % 7) * 3;
                    pixels[(y * width + x) * 3 + c] = (byte) (int) Math.round(Math.min(255, gain * pattern + offset));
                }
            }
        }
        bgr.put(0, 0, pixels);
        return bgr;
    }

    private static float maxDifference(float[] a, float[] b) {
        float largest = 0;
        for (int i = 0; i < a.length; i++) {
            largest = Math.max(largest, Math.abs(a[i] - b[i]));
        }
        return largest;
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

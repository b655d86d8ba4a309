package io.tessera.vision;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;

/**
 * Tiles of the repository's sample photographs decoded at half size by libjpeg's DCT scaling,
 * against the reference path (full decode, then {@code INTER_AREA} down to the model input).
 */
class ReducedDecodeOnSamplesTest {
    private static final Normalization IDENTITY = new Normalization(new float[] {0, 0, 0}, new float[] {1, 1, 1});
    private static final TilingSpec SHIPPED = new TilingSpec(256, 32, 128, EdgePolicy.SHIFT_INWARD);

    /**
     * Tolerance, in 8-bit levels of the tile pixels before normalisation. libjpeg's scaled IDCT
     * computes each half-size pixel from the DCT coefficients directly instead of averaging the
     * four full-size pixels after rounding them, and upsamples chroma differently: measured on
     * these 16 photographs, the mean difference is 0.16-0.21 levels and the largest single
     * difference 7 levels, in high-contrast edges. The bounds leave headroom for another libjpeg
     * build but not for a misplaced tile (half a reduced pixel off gave a mean of 1.4 and 71
     * levels on the odd-sized frame) or a wrong colour order (tens of levels). That the
     * difference leaves decisions alone is checked with the shipped model in the stream app.
     */
    private static final double MEAN_LEVELS = 0.35;
    private static final double MAX_LEVELS = 12;

    @Test
    void decodingAtTheReducedSizeGivesTheTilesOfDecodeThenResizeWithinTheTolerance() throws IOException {
        TileExtractor extractor = new TileExtractor(SHIPPED, IDENTITY);
        int reducedFrames = 0;
        for (Path jpeg : sampleJpegs()) {
            byte[] bytes = Files.readAllBytes(jpeg);
            Mat full = ImageDecoder.decode(bytes);
            int r = SHIPPED.decodeReduction(full.cols(), full.rows());
            Mat reducedImage = ImageDecoder.decode(bytes, r);
            List<TileBox> boxes = TileGrid.layout(full.cols(), full.rows(), SHIPPED);
            float[] reference = extractor.extract(full, boxes);
            float[] reduced = extractor.extractReduced(reducedImage, r, boxes);
            double sum = 0;
            double max = 0;
            for (int i = 0; i < reference.length; i++) {
                double d = Math.abs(reference[i] - reduced[i]) * 255;
                sum += d;
                max = Math.max(max, d);
            }
            String what = jpeg.getFileName() + " (" + full.cols() + "x" + full.rows() + ", 1/" + r + ")";
            assertThat(sum / reference.length).as(what + " mean difference in levels").isLessThanOrEqualTo(MEAN_LEVELS);
            assertThat(max).as(what + " largest difference in levels").isLessThanOrEqualTo(MAX_LEVELS);
            reducedFrames += r == 2 ? 1 : 0;
            full.release();
            reducedImage.release();
        }
        // the two odd-sized photographs are decoded in full; the other 14 at half size
        assertThat(reducedFrames).isEqualTo(14);
    }

    /**
     * A tile whose origin falls between reduced pixels is interpolated at its exact place, never
     * rounded to a neighbouring pixel: with the grid forced onto such an origin, its content
     * stays where the full-size tile has it.
     */
    @Test
    void aTileBetweenReducedPixelsIsSampledAtItsExactPlace() throws IOException {
        TileExtractor extractor = new TileExtractor(SHIPPED, IDENTITY);
        Path jpeg = sampleJpegs().get(0);
        byte[] bytes = Files.readAllBytes(jpeg);
        Mat full = ImageDecoder.decode(bytes);
        Mat half = ImageDecoder.decode(bytes, 2);
        List<TileBox> odd = List.of(new TileBox(0, 301, 101, 256, 256));
        float[] reference = extractor.extract(full, odd);
        float[] exact = extractor.extractReduced(half, 2, odd);
        float[] rounded = extractor.extractReduced(half, 2, List.of(new TileBox(0, 300, 100, 256, 256)));
        assertThat(meanLevels(reference, exact)).isLessThan(meanLevels(reference, rounded));
        full.release();
        half.release();
    }

    @Test
    void onlyFramesWhoseTileOriginsAllFallOnReducedPixelsAreDecodedSmaller() {
        assertThat(SHIPPED.decodeReduction(1130, 460)).isEqualTo(2);
        assertThat(SHIPPED.decodeReduction(2048, 1080)).isEqualTo(2);
        assertThat(SHIPPED.decodeReduction(1540, 645)).isEqualTo(1); // last row shifted inward to y = 389
        assertThat(SHIPPED.decodeReduction(2707, 936)).isEqualTo(1);
        assertThat(SHIPPED.decodeReduction(255, 255)).isEqualTo(2); // one tile at 0, 0
        assertThat(new TilingSpec(256, 32, 64, EdgePolicy.SHIFT_INWARD).decodeReduction(2048 + 2, 1080)).isEqualTo(2);
        assertThat(new TilingSpec(256, 32, 64, EdgePolicy.SHIFT_INWARD).decodeReduction(2048, 1080)).isEqualTo(4);
    }

    private static double meanLevels(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs(a[i] - b[i]) * 255;
        }
        return sum / a.length;
    }

    static List<Path> sampleJpegs() throws IOException {
        Path samples = Path.of(System.getProperty("tessera.root", "..")).resolve("samples/bsdata");
        List<Path> all = new ArrayList<>();
        for (String dir : new String[] {"ok", "pitting"}) {
            try (Stream<Path> files = Files.list(samples.resolve(dir))) {
                all.addAll(files.filter(p -> p.toString().endsWith(".jpg")).sorted().toList());
            }
        }
        assertThat(all).as("sample JPEGs under " + samples).hasSize(16);
        return all;
    }
}

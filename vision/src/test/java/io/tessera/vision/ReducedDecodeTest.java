package io.tessera.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;

/** Decoding at a reduced size: the sizes it promises, and tiles cut from it in full-frame coordinates. */
class ReducedDecodeTest {
    private static final Normalization IDENTITY = new Normalization(new float[] {0, 0, 0}, new float[] {1, 1, 1});

    @Test
    void theReductionIsTheLargestThatKeepsATileAtLeastTheInputSize() {
        assertThat(new TilingSpec(256, 32, 128, EdgePolicy.SHIFT_INWARD).decodeReduction()).isEqualTo(2);
        assertThat(new TilingSpec(256, 32, 64, EdgePolicy.SHIFT_INWARD).decodeReduction()).isEqualTo(4);
        assertThat(new TilingSpec(256, 32, 100, EdgePolicy.SHIFT_INWARD).decodeReduction()).isEqualTo(2);
        assertThat(new TilingSpec(224, 0, 224, EdgePolicy.SHIFT_INWARD).decodeReduction()).isEqualTo(1);
        assertThat(new TilingSpec(200, 0, 96, EdgePolicy.SHIFT_INWARD).decodeReduction()).isEqualTo(2);
        assertThat(new TilingSpec(1024, 0, 64, EdgePolicy.SHIFT_INWARD).decodeReduction()).isEqualTo(8);
    }

    @Test
    void aJpegDecodesToTheCeilingOfHalfItsSizeAndOtherFormatsToTheSame() {
        OpenCv.load();
        Mat source = new Mat(81, 121, CvType.CV_8UC3, new Scalar(10, 20, 30));
        for (String ext : new String[] {".jpg", ".png"}) {
            MatOfByte encoded = new MatOfByte();
            Imgcodecs.imencode(ext, source, encoded);
            Mat half = ImageDecoder.decode(encoded.toArray(), 2);
            assertThat(new int[] {half.cols(), half.rows()}).as(ext).containsExactly(61, 41);
            Mat quarter = ImageDecoder.decode(encoded.toArray(), 4);
            assertThat(new int[] {quarter.cols(), quarter.rows()}).as(ext).containsExactly(31, 21);
            assertThat(ImageDecoder.reductionOf(121, 81, half.cols(), half.rows())).isEqualTo(2);
        }
        assertThatThrownBy(() -> ImageDecoder.decode(new byte[] {(byte) 0xff, (byte) 0xd8, 1, 2, 3}, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be decoded");
        assertThatThrownBy(() -> ImageDecoder.decode(new byte[] {1}, 3)).hasMessageContaining("1, 2, 4 or 8");
        assertThatThrownBy(() -> ImageDecoder.reductionOf(121, 81, 60, 41)).hasMessageContaining("60x41");
    }

    @Test
    void tilesFromAReducedImageLieWhereTheFullFrameBoxesSay() {
        OpenCv.load();
        // a 512x256 frame, left half black, right half red: the second 256-px tile is all red
        Mat full = new Mat(256, 512, CvType.CV_8UC3, new Scalar(0, 0, 0));
        full.submat(0, 256, 256, 512).setTo(new Scalar(0, 0, 255));
        Mat reduced = new Mat(128, 256, CvType.CV_8UC3, new Scalar(0, 0, 0));
        reduced.submat(0, 128, 128, 256).setTo(new Scalar(0, 0, 255));
        TileExtractor extractor = new TileExtractor(new TilingSpec(256, 0, 128, EdgePolicy.SHIFT_INWARD), IDENTITY);
        List<TileBox> boxes = TileGrid.layout(512, 256, extractor.spec());

        float[] fromFull = extractor.extract(full, boxes);
        float[] fromReduced = extractor.extractReduced(reduced, 2, boxes);

        assertThat(boxes).extracting(TileBox::x).containsExactly(0, 256);
        assertThat(fromReduced).containsExactly(fromFull);
        assertThat(fromReduced[extractor.tileFloats()]).isEqualTo(1f);
    }

    @Test
    void aPartialEdgeTileIsPaddedAtTheReducedSize() {
        OpenCv.load();
        Mat reduced = new Mat(50, 100, CvType.CV_8UC3, new Scalar(0, 0, 255));
        TileExtractor extractor = new TileExtractor(new TilingSpec(256, 0, 128, EdgePolicy.PAD), IDENTITY);
        List<TileBox> boxes = TileGrid.layout(200, 99, extractor.spec());
        float[] tiles = extractor.extractReduced(reduced, 2, boxes);
        assertThat(boxes).hasSize(1);
        assertThat(tiles).hasSize(128 * 128 * 3);
        assertThat(tiles[(127 * 128 + 127) * 3]).isEqualTo(1f); // reflected red reaches the far corner
    }
}

package io.tessera.model.export;

import io.tessera.model.ModelCard;
import io.tessera.model.TestData;
import io.tessera.vision.ImageDecoder;
import io.tessera.vision.TileBox;
import io.tessera.vision.TileExtractor;
import io.tessera.vision.TileGrid;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.opencv.core.Mat;

/** Every tile of the repository's BSData sample images, cut with a model card's tiling (NHWC floats). */
record SampleTiles(float[] pixels, int count, int size) {

    static SampleTiles cut(ModelCard card) throws IOException {
        TileExtractor extractor = new TileExtractor(card.tiling(), card.normalization());
        List<Path> images;
        try (Stream<Path> files = Files.walk(TestData.samples())) {
            images = files.filter(p -> p.toString().endsWith(".jpg") && !p.toString().contains("masks")).sorted()
                    .toList();
        }
        float[][] perImage = new float[images.size()][];
        int count = 0;
        for (int i = 0; i < images.size(); i++) {
            Mat bgr = ImageDecoder.read(images.get(i));
            try {
                List<TileBox> boxes = TileGrid.layout(bgr.cols(), bgr.rows(), card.tiling());
                perImage[i] = extractor.extract(bgr, boxes);
                count += boxes.size();
            } finally {
                bgr.release();
            }
        }
        float[] pixels = new float[count * extractor.tileFloats()];
        int at = 0;
        for (float[] p : perImage) {
            System.arraycopy(p, 0, pixels, at, p.length);
            at += p.length;
        }
        return new SampleTiles(pixels, count, card.inputSize());
    }

    int tileFloats() {
        return size * size * 3;
    }

    /** {@code n} tiles starting at tile {@code from}, wrapping around the sample. */
    float[] take(int from, int n) {
        float[] out = new float[n * tileFloats()];
        for (int i = 0; i < n; i++) {
            System.arraycopy(pixels, ((from + i) % count) * tileFloats(), out, i * tileFloats(), tileFloats());
        }
        return out;
    }
}

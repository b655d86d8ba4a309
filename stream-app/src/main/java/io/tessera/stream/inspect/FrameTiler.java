package io.tessera.stream.inspect;

import io.tessera.vision.ImageDecoder;
import io.tessera.vision.Normalization;
import io.tessera.vision.TileBox;
import io.tessera.vision.TileExtractor;
import io.tessera.vision.TileGrid;
import io.tessera.vision.TilingSpec;
import java.util.List;
import org.opencv.core.Mat;

/** Cuts a decoded frame into model inputs with the shared tiling code that {@code model eval} uses. */
public final class FrameTiler {
    private final TilingSpec spec;
    private final TileExtractor extractor;

    public FrameTiler(TilingSpec spec, Normalization normalization) {
        this.spec = spec;
        this.extractor = new TileExtractor(spec, normalization);
    }

    public TilingSpec spec() {
        return spec;
    }

    /** Tiles of a {@code width x height} frame, known before it is decoded. */
    public int tileCount(int width, int height) {
        return TileGrid.layout(width, height, spec).size();
    }

    public TiledFrame tile(Mat bgr) {
        return tile(bgr, bgr.cols(), bgr.rows());
    }

    /**
     * Tiles a frame of {@code frameWidth x frameHeight} pixels that may have been decoded at a
     * reduced size ({@link FrameDecoder}); the boxes are in full-frame pixels either way.
     */
    public TiledFrame tile(Mat image, int frameWidth, int frameHeight) {
        int reduction = ImageDecoder.reductionOf(frameWidth, frameHeight, image.cols(), image.rows());
        List<TileBox> boxes = TileGrid.layout(frameWidth, frameHeight, spec);
        return new TiledFrame(boxes, extractor.extractReduced(image, reduction, boxes), spec.inputSize());
    }
}

package io.tessera.stream.inspect;

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

    public TiledFrame tile(Mat bgr) {
        List<TileBox> boxes = TileGrid.layout(bgr.cols(), bgr.rows(), spec);
        return new TiledFrame(boxes, extractor.extract(bgr, boxes), spec.inputSize());
    }
}

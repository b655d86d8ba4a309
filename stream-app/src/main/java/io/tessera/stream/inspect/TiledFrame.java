package io.tessera.stream.inspect;

import io.tessera.vision.TileBox;
import java.util.List;

/** A frame cut into model inputs: the boxes in frame pixels and their pixels, NHWC, in box order. */
public record TiledFrame(List<TileBox> boxes, float[] pixels, int inputSize) {
    public TiledFrame {
        boxes = List.copyOf(boxes);
    }

    public int count() {
        return boxes.size();
    }
}

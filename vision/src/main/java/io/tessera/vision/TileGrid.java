package io.tessera.vision;

import java.util.ArrayList;
import java.util.List;

/** Lays tiles over an image. Pure arithmetic, so the stream app and {@code model eval} agree exactly. */
public final class TileGrid {
    private TileGrid() {
    }

    public static List<TileBox> layout(int imageWidth, int imageHeight, TilingSpec spec) {
        if (imageWidth <= 0 || imageHeight <= 0) {
            throw new IllegalArgumentException("image must have a positive size, got " + imageWidth + "x" + imageHeight);
        }
        int[] xs = positions(imageWidth, spec);
        int[] ys = positions(imageHeight, spec);
        List<TileBox> boxes = new ArrayList<>(xs.length * ys.length);
        int index = 0;
        for (int y : ys) {
            for (int x : xs) {
                int w = Math.min(spec.tileSize(), imageWidth - x);
                int h = Math.min(spec.tileSize(), imageHeight - y);
                boxes.add(new TileBox(index++, x, y, w, h));
            }
        }
        return boxes;
    }

    /** Tile origins along one axis. */
    static int[] positions(int length, TilingSpec spec) {
        int tile = spec.tileSize();
        int stride = spec.stride();
        if (length <= tile) {
            return new int[] {0};
        }
        int count = (length - tile + stride - 1) / stride + 1;
        int[] positions = new int[count];
        for (int i = 0; i < count; i++) {
            int p = i * stride;
            positions[i] = spec.edgePolicy() == EdgePolicy.SHIFT_INWARD ? Math.min(p, length - tile) : p;
        }
        return positions;
    }
}

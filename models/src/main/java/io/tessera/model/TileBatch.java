package io.tessera.model;

/**
 * Tiles ready for the model: {@code count} tiles of {@code size x size x 3} normalised floats,
 * NHWC, packed in {@code pixels}.
 */
public record TileBatch(float[] pixels, int count, int size) {
    public TileBatch {
        if (count <= 0 || size <= 0) {
            throw new IllegalArgumentException("a batch needs at least one tile of positive size");
        }
        long expected = (long) count * size * size * 3;
        if (pixels == null || pixels.length < expected) {
            throw new IllegalArgumentException("batch of " + count + " tiles of " + size + "x" + size + "x3 needs "
                    + expected + " floats, got " + (pixels == null ? 0 : pixels.length));
        }
    }
}

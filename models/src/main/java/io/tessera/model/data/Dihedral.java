package io.tessera.model.data;

/** The 8 symmetries of a square tile (flips and 90-degree rotations) on HWC floats. */
public final class Dihedral {
    /** How many symmetries there are: codes 0 (none) to 7. */
    public static final int COUNT = 8;

    private Dihedral() {
    }

    /**
     * Copies {@code src} (size x size x 3) into {@code dst} at {@code offset}, transformed by
     * {@code code}: bit 0 flips horizontally, bit 1 vertically, bit 2 transposes (with a flip,
     * a transpose is a 90-degree rotation).
     */
    static void apply(float[] src, float[] dst, int offset, int size, int code) {
        apply(src, 0, dst, offset, size, code);
    }

    /** As {@link #apply(float[], float[], int, int, int)}, reading the tile at {@code srcOffset} of {@code src}. */
    public static void apply(float[] src, int srcOffset, float[] dst, int offset, int size, int code) {
        if (code < 0 || code >= COUNT) {
            throw new IllegalArgumentException("a symmetry code is 0..7, got " + code);
        }
        boolean flipX = (code & 1) != 0;
        boolean flipY = (code & 2) != 0;
        boolean transpose = (code & 4) != 0;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int sx = flipX ? size - 1 - x : x;
                int sy = flipY ? size - 1 - y : y;
                if (transpose) {
                    int t = sx;
                    sx = sy;
                    sy = t;
                }
                int s = srcOffset + (sy * size + sx) * 3;
                int d = offset + (y * size + x) * 3;
                dst[d] = src[s];
                dst[d + 1] = src[s + 1];
                dst[d + 2] = src[s + 2];
            }
        }
    }
}

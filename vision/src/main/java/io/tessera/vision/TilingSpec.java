package io.tessera.vision;

/**
 * How frames are cut into model inputs: square tiles of {@code tileSize} frame pixels,
 * neighbours overlapping by {@code overlap} pixels, each resized to {@code inputSize} for the
 * model (a tile larger than the input means a downscale). The model card fixes these values
 * for a model, since the model only knows the scale it was trained at.
 */
public record TilingSpec(int tileSize, int overlap, int inputSize, EdgePolicy edgePolicy) {
    public TilingSpec {
        if (tileSize < 8) {
            throw new IllegalArgumentException("tiling.tile-size must be >= 8, got " + tileSize);
        }
        if (overlap < 0 || overlap >= tileSize) {
            throw new IllegalArgumentException("tiling.overlap must be within 0.." + (tileSize - 1) + ", got " + overlap);
        }
        if (inputSize < 8) {
            throw new IllegalArgumentException("tiling.input-size must be >= 8, got " + inputSize);
        }
        if (edgePolicy == null) {
            throw new IllegalArgumentException("tiling.edge-policy must be SHIFT_INWARD or PAD");
        }
    }

    public int stride() {
        return tileSize - overlap;
    }

    /**
     * The largest JPEG decode reduction (1, 2, 4 or 8, what libjpeg's DCT scaling offers) that
     * still leaves a tile at least {@code inputSize} pixels wide: 2 for 256-px tiles fed at 128.
     * Decoding at 1/r of the size costs a fraction of a full decode and replaces most of the
     * downscale.
     */
    public int decodeReduction() {
        for (int r = 8; r > 1; r /= 2) {
            if (tileSize % r == 0 && tileSize / r >= inputSize) {
                return r;
            }
        }
        return 1;
    }

    /**
     * The reduction at which to decode a {@code width x height} frame: {@link #decodeReduction()}
     * when every tile origin of the frame's grid falls on a reduced pixel, else the largest smaller
     * one that does (1 at worst). A frame of odd size, whose last tiles are shifted inward to an
     * odd origin, is decoded in full: a tile between reduced pixels could only be interpolated,
     * which blurs it beyond the tolerance that keeps decisions unchanged.
     */
    public int decodeReduction(int width, int height) {
        int[] xs = TileGrid.positions(width, this);
        int[] ys = TileGrid.positions(height, this);
        for (int r = decodeReduction(); r > 1; r /= 2) {
            if (allMultiplesOf(xs, r) && allMultiplesOf(ys, r)) {
                return r;
            }
        }
        return 1;
    }

    private static boolean allMultiplesOf(int[] values, int r) {
        for (int v : values) {
            if (v % r != 0) {
                return false;
            }
        }
        return true;
    }

    /** Frame pixels per model-input pixel (2.0 for 256-px tiles fed at 128). */
    public double scale() {
        return (double) tileSize / inputSize;
    }
}

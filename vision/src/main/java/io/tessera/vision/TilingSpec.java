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

    /** Frame pixels per model-input pixel (2.0 for 256-px tiles fed at 128). */
    public double scale() {
        return (double) tileSize / inputSize;
    }
}

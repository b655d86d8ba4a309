package io.tessera.protocol;

/** A tile whose defect score reached the threshold: its box in frame pixels and its score. */
public record DefectTile(int x, int y, int width, int height, double score) {
    public DefectTile {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("tile must have a positive size, got " + width + "x" + height);
        }
        if (!(score >= 0.0 && score <= 1.0)) {
            throw new IllegalArgumentException("tile score must be within [0, 1], got " + score);
        }
    }
}

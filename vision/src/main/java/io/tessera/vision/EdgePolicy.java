package io.tessera.vision;

/** What to do where the last tile of a row or column would run past the image edge. */
public enum EdgePolicy {
    /** Move the last tile inward so it ends at the edge (overlapping its neighbour): no padding, every pixel is real. */
    SHIFT_INWARD,
    /** Keep the regular grid and pad the part that runs past the edge (reflected border). */
    PAD
}

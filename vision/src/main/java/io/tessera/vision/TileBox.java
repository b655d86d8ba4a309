package io.tessera.vision;

/** One tile of a frame: its position in the grid and its box in frame pixels (clipped to the frame). */
public record TileBox(int index, int x, int y, int width, int height) {
    public TileBox {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("tile box must have a positive size, got " + width + "x" + height);
        }
    }
}

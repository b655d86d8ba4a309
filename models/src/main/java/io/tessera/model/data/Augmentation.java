package io.tessera.model.data;

/**
 * Random changes applied to training tiles. Geometric: the 8 flips and 90-degree rotations
 * (surface defects have no orientation) and a tile-size jitter (a random crop of
 * {@code tileSize * (1 +- scaleJitter)} frame pixels resized to the input); photometric:
 * contrast {@code x * (1 +- contrast)} and brightness {@code +- brightness * 255}, since light
 * on a line drifts.
 */
public record Augmentation(boolean dihedral, double scaleJitter, double contrast, double brightness) {
    public Augmentation {
        if (scaleJitter < 0 || scaleJitter >= 0.5 || contrast < 0 || contrast >= 1 || brightness < 0 || brightness >= 1) {
            throw new IllegalArgumentException("augmentation out of range: scale jitter and contrast/brightness must be"
                    + " within [0, 0.5) and [0, 1), got " + this.toStringRaw(scaleJitter, contrast, brightness));
        }
    }

    private String toStringRaw(double s, double c, double b) {
        return "scale " + s + ", contrast " + c + ", brightness " + b;
    }

    public static Augmentation standard() {
        return new Augmentation(true, 0.1, 0.2, 0.08);
    }

    public static Augmentation none() {
        return new Augmentation(false, 0, 0, 0);
    }
}

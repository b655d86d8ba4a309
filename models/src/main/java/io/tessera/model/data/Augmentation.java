package io.tessera.model.data;

import java.util.Locale;

/**
 * Random changes applied to training tiles. Geometric: the 8 flips and 90-degree rotations
 * (surface defects have no orientation) and a tile-size jitter (a random crop of
 * {@code tileSize * (1 +- scaleJitter)} frame pixels resized to the input); photometric:
 * contrast {@code x * (1 +- contrast)} and brightness {@code +- brightness * 255}, since light
 * on a line drifts. The station preset adds what differs from one camera station to the next:
 * gamma {@code x^(1 +- gamma)}, a gain per colour channel {@code 1 +- colourGain} (white balance),
 * a Gaussian blur with probability {@code blurChance} (focus, lens) and sensor noise of up to
 * {@code noise * 255} grey levels.
 */
public record Augmentation(boolean dihedral, double scaleJitter, double contrast, double brightness, double gamma,
        double colourGain, double blurChance, double noise) {
    public static final String PRESETS = "standard, station or none";

    public Augmentation {
        if (scaleJitter < 0 || scaleJitter >= 0.5 || contrast < 0 || contrast >= 1 || brightness < 0 || brightness >= 1
                || gamma < 0 || gamma >= 1 || colourGain < 0 || colourGain >= 0.5 || blurChance < 0 || blurChance > 1
                || noise < 0 || noise >= 0.25) {
            throw new IllegalArgumentException("augmentation out of range: scale jitter and colour gain within [0, 0.5),"
                    + " contrast, brightness and gamma within [0, 1), blur chance within [0, 1], noise within"
                    + " [0, 0.25); got " + describe(scaleJitter, contrast, brightness, gamma, colourGain, blurChance,
                            noise));
        }
    }

    /** Flips, rotations, scale, contrast and brightness jitter: the recipe of the first shipped model. */
    public static Augmentation standard() {
        return new Augmentation(true, 0.1, 0.2, 0.08, 0, 0, 0, 0);
    }

    /** {@link #standard()} plus gamma, white balance, blur and noise: stations differ in light and lens. */
    public static Augmentation station() {
        return new Augmentation(true, 0.15, 0.3, 0.1, 0.3, 0.08, 0.3, 0.015);
    }

    public static Augmentation none() {
        return new Augmentation(false, 0, 0, 0, 0, 0, 0, 0);
    }

    /** The preset named by {@code --augment}. */
    public static Augmentation preset(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "standard" -> standard();
            case "station" -> station();
            case "none" -> none();
            default -> throw new IllegalArgumentException("--augment must be " + PRESETS + ", got " + name);
        };
    }


    private static String describe(double s, double c, double b, double g, double w, double blur, double n) {
        return "scale " + s + ", contrast " + c + ", brightness " + b + ", gamma " + g + ", colour gain " + w
                + ", blur chance " + blur + ", noise " + n;
    }
}

package io.tessera.vision;

import java.util.Arrays;
import java.util.Locale;

/**
 * Per-channel normalisation of RGB pixels scaled to [0, 1]. Training and serving both go through
 * {@link TileExtractor}, so they cannot disagree.
 *
 * <p>{@link Scope#DATASET}: {@code (p - mean) / std} with fixed statistics. {@link Scope#TILE}: each
 * channel of each tile minus that tile's own mean, divided by its own standard deviation (at least
 * {@link #TILE_STD_FLOOR}); {@code mean} and {@code std} are then not used. A station whose light,
 * exposure or white balance differs shifts and scales a tile's pixels; the tile scope takes such a
 * shift out before the model sees it, where the dataset scope passes it on.
 */
public record Normalization(float[] mean, float[] std, Scope scope) {
    /**
     * Smallest standard deviation a tile is divided by (5 grey levels): a nearly flat tile is not
     * stretched until its sensor noise looks like texture.
     */
    public static final float TILE_STD_FLOOR = 5f / 255f;

    /** Where the statistics come from. */
    public enum Scope {
        /** Fixed statistics of a dataset, the same for every tile. */
        DATASET,
        /** Each tile's own statistics. */
        TILE;

        /** The name used in model cards and on the command line. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Reads a label ({@code dataset} or {@code tile}); null reads as dataset, the scope of older cards. */
        public static Scope parse(String label) {
            if (label == null) {
                return DATASET;
            }
            for (Scope s : values()) {
                if (s.label().equals(label.trim().toLowerCase(Locale.ROOT))) {
                    return s;
                }
            }
            throw new IllegalArgumentException("normalisation scope must be dataset or tile, got '" + label + "'");
        }
    }

    public Normalization {
        if (scope == null) {
            throw new IllegalArgumentException("normalisation scope is required (dataset or tile)");
        }
        if (mean == null || std == null || mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("normalisation needs 3 means and 3 standard deviations (R, G, B)");
        }
        for (float s : std) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("normalisation std must be positive, got " + Arrays.toString(std));
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** Fixed statistics ({@link Scope#DATASET}). */
    public Normalization(float[] mean, float[] std) {
        this(mean, std, Scope.DATASET);
    }

    /** Each tile standardised by its own statistics ({@link Scope#TILE}). */
    public static Normalization perTile() {
        return new Normalization(new float[] {0, 0, 0}, new float[] {1, 1, 1}, Scope.TILE);
    }

    /** The ImageNet statistics, the usual choice for ResNets. */
    public static Normalization imagenet() {
        return new Normalization(new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f});
    }

    @Override
    public float[] mean() {
        return mean.clone();
    }

    @Override
    public float[] std() {
        return std.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Normalization n && Arrays.equals(mean, n.mean) && Arrays.equals(std, n.std)
                && scope == n.scope;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(mean) + Arrays.hashCode(std)) + scope.hashCode();
    }

    @Override
    public String toString() {
        return scope == Scope.TILE ? "Normalization[per tile]"
                : "Normalization[mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
    }
}

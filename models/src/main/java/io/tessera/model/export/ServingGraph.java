package io.tessera.model.export;

import java.util.Locale;

/**
 * The form of an exported inference graph. Both compute the same function of the same trained
 * values; the model card records the form as {@code details.servingGraph}.
 */
public enum ServingGraph {
    /** Convolutions followed by inference-mode {@code FusedBatchNormV3}, as trained. */
    BATCH_NORM,
    /**
     * Batch norm folded into the convolutions: {@code Conv2D + BiasAdd}, which TensorFlow's
     * remapper fuses with the following {@code Add}/{@code Relu} into one oneDNN convolution.
     */
    FOLDED;

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static ServingGraph parse(String value) {
        for (ServingGraph g : values()) {
            if (g.label().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return g;
            }
        }
        throw new IllegalArgumentException("serving graph must be batch-norm or folded, got '" + value + "'");
    }
}

package io.tessera.stream.config;

import io.tessera.model.ModelCard;
import io.tessera.vision.EdgePolicy;
import io.tessera.vision.TilingSpec;

/**
 * Tiling settings that replace the model card's values where given (null = the card's).
 * The model knows only the scale it was trained at, so overriding is for experiments.
 */
public record TilingOverrides(Integer tileSize, Integer overlap, Integer inputSize, EdgePolicy edgePolicy) {
    public TilingOverrides {
        if (edgePolicy == null) {
            throw new ConfigException("tiling.edge-policy", "must be SHIFT_INWARD or PAD");
        }
    }

    public static TilingOverrides none() {
        return new TilingOverrides(null, null, null, EdgePolicy.SHIFT_INWARD);
    }

    /** The tiling used for a model: the card's values with these overrides applied. */
    public TilingSpec resolve(ModelCard card) {
        TilingSpec base = card.tiling();
        int size = tileSize != null ? tileSize : base.tileSize();
        int lap = overlap != null ? overlap : base.overlap();
        int input = inputSize != null ? inputSize : base.inputSize();
        try {
            return new TilingSpec(size, lap, input, edgePolicy);
        } catch (IllegalArgumentException e) {
            // TilingSpec names its field as tiling.<name>, the key of the setting.
            throw new ConfigException("tiling.*", e.getMessage() + " (model card " + card.name() + " has tile-size "
                    + base.tileSize() + ", overlap " + base.overlap() + ", input-size " + base.inputSize() + ")");
        }
    }
}

package io.tessera.model.export;

import java.util.Locale;

/**
 * How an exported model stores its weights. FP16 halves the files (ResNet34: about 43 MB instead
 * of 85 MB); the graph casts them back to fp32 when it loads, so arithmetic is unchanged and
 * only the weights are rounded (about 3 significant digits).
 */
public enum WeightStorage {
    FP32, FP16;

    public static WeightStorage parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("weight storage must be fp32 or fp16, got '" + value + "'", e);
        }
    }
}

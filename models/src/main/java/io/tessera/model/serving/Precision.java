package io.tessera.model.serving;

import java.util.Locale;

/**
 * Arithmetic precision of a TensorFlow session. The weights stay fp32 (or fp16 in storage); the
 * reduced precisions are graph rewrites that TensorFlow applies when the session starts.
 */
public enum Precision {
    /** Plain fp32 everywhere. */
    FP32,
    /** oneDNN's bfloat16 rewrite: convolutions run in bf16 on CPUs with AMX or AVX512-BF16. */
    BF16,
    /** The fp16 auto-mixed-precision rewrite, for NVIDIA GPUs (tensor cores). */
    FP16;

    public static Precision parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("precision must be fp32, bf16 or fp16, got '" + value + "'", e);
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

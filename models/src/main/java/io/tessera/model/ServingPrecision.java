package io.tessera.model;

/**
 * The precision a classifier serves at and why it was chosen, for logs, metrics and dashboards.
 *
 * @param precision short label: fp32, bf16 or fp16
 * @param reason    one line, e.g. {@code fp32: bf16 rejected: 3 non-finite outputs at batch 45}
 */
public record ServingPrecision(String precision, String reason) {
    public ServingPrecision {
        if (precision == null || precision.isBlank() || reason == null) {
            throw new IllegalArgumentException("a serving precision needs a label and a reason");
        }
    }

    /** For classifiers that do not say: reported as such rather than guessed. */
    public static ServingPrecision unreported() {
        return new ServingPrecision("unknown", "not reported by this classifier");
    }
}

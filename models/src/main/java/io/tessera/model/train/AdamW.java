package io.tessera.model.train;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter, "Decoupled Weight Decay
 * Regularization"): each step shrinks decayed weights by {@code lr * weightDecay * w} besides
 * the Adam update, so decay does not pass through Adam's per-weight scaling.
 */
public record AdamW(float beta1, float beta2, float epsilon, float weightDecay) {
    public AdamW {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam betas must be within [0, 1), got " + beta1 + ", " + beta2);
        }
        if (!(epsilon > 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("Adam epsilon must be > 0 and weight decay >= 0");
        }
    }

    public static AdamW defaults(float weightDecay) {
        return new AdamW(0.9f, 0.999f, 1e-8f, weightDecay);
    }

    /** beta^step, fed to the graph each step (Adam's bias correction). */
    public float beta1Power(long step) {
        return (float) Math.pow(beta1, step);
    }

    public float beta2Power(long step) {
        return (float) Math.pow(beta2, step);
    }
}

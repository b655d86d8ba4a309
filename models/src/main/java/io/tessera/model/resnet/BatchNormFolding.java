package io.tessera.model.resnet;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Folds each inference-mode batch norm into the convolution before it. Batch norm in inference
 * computes {@code gamma * (y - mean) / sqrt(var + eps) + beta} per output channel of a
 * convolution {@code y = x * W}; that is {@code x * W'} plus a bias, with
 * {@code W' = W * s}, {@code s = gamma / sqrt(var + eps)} and {@code b' = beta - mean * s}.
 * Everything is computed in double and rounded to float once.
 *
 * <p>Names follow {@link ResNetGraph}: batch norm {@code <prefix>bn<suffix>} belongs to the
 * convolution {@code <prefix>conv<suffix>} (the last "bn" of the name becomes "conv"), for
 * example {@code layer2_0_down_bn} to {@code layer2_0_down_conv}.
 */
public final class BatchNormFolding {
    /** The bias that replaces batch norm {@code <bn>}: {@code <bn>_bias}. */
    public static final String BIAS_SUFFIX = "_bias";
    /** The per-output-channel scale of kernel {@code <conv>_w}, when kept apart: {@code <conv>_w_scale}. */
    public static final String SCALE_SUFFIX = "_scale";

    private static final String GAMMA = "_gamma";

    private BatchNormFolding() {
    }

    /**
     * @param values         trained values of the unfolded network, by variable name
     * @param keepScaleApart false: each kernel {@code <conv>_w} holds {@code W'}; true: it keeps
     *                       {@code W} as it was and {@code <conv>_w_scale} holds {@code s}, for
     *                       storage that would round {@code W'} again (fp16)
     * @return the values of the folded network: no batch-norm values left, a bias per batch norm
     */
    public static Map<String, float[]> fold(Map<String, float[]> values, boolean keepScaleApart) {
        Map<String, float[]> folded = new LinkedHashMap<>(values);
        int batchNorms = 0;
        for (String key : values.keySet()) {
            if (!key.endsWith(GAMMA)) {
                continue;
            }
            String bn = key.substring(0, key.length() - GAMMA.length());
            String conv = convOf(bn);
            float[] gamma = required(values, bn + GAMMA);
            float[] beta = required(values, bn + "_beta");
            float[] mean = required(values, bn + "_moving_mean");
            float[] variance = required(values, bn + "_moving_variance");
            float[] kernel = required(values, conv + "_w");
            int channels = gamma.length;
            if (beta.length != channels || mean.length != channels || variance.length != channels
                    || kernel.length % channels != 0) {
                throw new IllegalArgumentException("batch norm " + bn + " has " + channels + " channels but its values or"
                        + " the kernel of " + conv + " (" + kernel.length + " values) do not match");
            }
            double[] scale = new double[channels];
            float[] bias = new float[channels];
            for (int c = 0; c < channels; c++) {
                scale[c] = gamma[c] / Math.sqrt((double) variance[c] + ResNetGraph.BN_EPSILON);
                bias[c] = (float) (beta[c] - mean[c] * scale[c]);
            }
            if (keepScaleApart) {
                float[] s = new float[channels];
                for (int c = 0; c < channels; c++) {
                    s[c] = (float) scale[c];
                }
                folded.put(conv + "_w" + SCALE_SUFFIX, s);
            } else {
                // HWIO layout: the output channel is the fastest-moving index
                float[] w = new float[kernel.length];
                for (int i = 0; i < kernel.length; i++) {
                    w[i] = (float) (kernel[i] * scale[i % channels]);
                }
                folded.put(conv + "_w", w);
            }
            folded.put(bn + BIAS_SUFFIX, bias);
            for (String part : new String[] {GAMMA, "_beta", "_moving_mean", "_moving_variance"}) {
                folded.remove(bn + part);
            }
            batchNorms++;
        }
        if (batchNorms == 0) {
            throw new IllegalArgumentException("no batch-norm values (<bn>_gamma) to fold among " + values.size()
                    + " variables");
        }
        return folded;
    }

    static String convOf(String bn) {
        int at = bn.lastIndexOf("bn");
        if (at < 0) {
            throw new IllegalArgumentException("batch norm name " + bn + " does not contain 'bn'");
        }
        return bn.substring(0, at) + "conv" + bn.substring(at + 2);
    }

    private static float[] required(Map<String, float[]> values, String name) {
        float[] v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("cannot fold batch norm: no values for " + name);
        }
        return v;
    }
}

package io.tessera.model.resnet;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Where the network's parameters come from. Training makes randomly initialised variables with
 * optimiser slots; export makes storage variables (fp32 or fp16) filled from trained values;
 * {@code model info} makes bare variables just to count them. The graph code is the same.
 */
public interface ParamSource {

    /** A trainable parameter. {@code decay}: whether weight decay applies (convolution and dense kernels). */
    Operand<TFloat32> trainable(Ops tf, String name, long[] shape, Init init, boolean decay);

    /**
     * Inference graphs with batch norm folded in: a convolution kernel with its batch norm's
     * per-output-channel scale already applied. By default a plain parameter holding the folded
     * values; a source that stores weights in reduced precision may keep the scale apart, so that
     * folding rounds nothing twice.
     */
    default Operand<TFloat32> foldedKernel(Ops tf, String name, long[] shape) {
        return trainable(tf, name, shape, Init.constant(0f), false);
    }

    /** Inference graphs with batch norm folded in: the bias that replaces a batch norm ({@code <bn>_bias}). */
    default Operand<TFloat32> foldedBias(Ops tf, String name, long channels) {
        return trainable(tf, name, new long[] {channels}, Init.constant(0f), false);
    }

    /** A batch-norm moving statistic (mean or variance), not trained by gradients. */
    Operand<TFloat32> statistic(Ops tf, String name, long channels, float initialValue);

    /** Training mode only: the statistic's new value after a step (the fused op's running average). */
    void updateStatistic(Ops tf, String name, Operand<TFloat32> newValue);

    /** How a trainable parameter starts. */
    record Init(Kind kind, float value) {
        public enum Kind { NORMAL, CONSTANT }

        /** He (fan-in) normal, truncated at 2 sigma: the usual start for ReLU networks. */
        public static Init heNormal(long fanIn) {
            return new Init(Kind.NORMAL, (float) Math.sqrt(2.0 / fanIn));
        }

        public static Init normal(float std) {
            return new Init(Kind.NORMAL, std);
        }

        public static Init constant(float value) {
            return new Init(Kind.CONSTANT, value);
        }
    }
}

package io.tessera.model.resnet;

import java.util.Arrays;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.types.TFloat32;

/**
 * Builds a ResNet in TensorFlow graph mode, NHWC. Every op gets an explicit name made of
 * underscores (graph op names may not contain '/'), for example {@code layer3_2_conv1_w}.
 * Batch norm is {@code FusedBatchNormV3}: in training mode it normalises with the batch
 * statistics and hands the updated moving averages to the {@link ParamSource}; in inference
 * mode it uses the moving averages.
 */
public final class ResNetGraph {
    /** Weight of the current batch in the moving averages (a momentum of 0.9). */
    static final float BN_AVERAGE_FACTOR = 0.1f;
    static final float BN_EPSILON = 1e-5f;

    private final Ops tf;
    private final ParamSource params;
    private final boolean training;
    private final boolean foldBatchNorm;
    private final LayerCounter counter;
    /** Spatial size of the current feature map at the counting resolution (for multiply-adds). */
    private long size;

    private ResNetGraph(Ops tf, ParamSource params, boolean training, boolean foldBatchNorm, LayerCounter counter,
            int countingSize) {
        if (training && foldBatchNorm) {
            throw new IllegalArgumentException("batch norm can only be folded into an inference graph");
        }
        this.tf = tf;
        this.params = params;
        this.training = training;
        this.foldBatchNorm = foldBatchNorm;
        this.counter = counter;
        this.size = countingSize;
    }

    /**
     * Adds the network to the graph and returns its logits [batch, classes].
     *
     * @param countingSize input height and width at which {@code counter} accumulates multiply-adds
     */
    public static Operand<TFloat32> logits(Ops tf, Operand<TFloat32> input, ResNetArchitecture arch, int classes,
            boolean training, ParamSource params, LayerCounter counter, int countingSize) {
        if (classes < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 classes, got " + classes);
        }
        return new ResNetGraph(tf, params, training, false, counter, countingSize).build(input, arch, classes);
    }

    /**
     * The inference network with every batch norm folded into the convolution before it: each
     * conv + batch norm pair becomes {@code biasAdd(conv2d(x, foldedKernel), bias)}, with the
     * kernel from {@link ParamSource#foldedKernel} and the bias from
     * {@link ParamSource#foldedBias}. The values must come from {@link BatchNormFolding}.
     */
    public static Operand<TFloat32> foldedLogits(Ops tf, Operand<TFloat32> input, ResNetArchitecture arch, int classes,
            ParamSource params) {
        if (classes < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 classes, got " + classes);
        }
        return new ResNetGraph(tf, params, false, true, new LayerCounter(), 0).build(input, arch, classes);
    }

    private Operand<TFloat32> build(Operand<TFloat32> input, ResNetArchitecture arch, int classes) {
        Operand<TFloat32> x = relu(convBn(input, "conv1", "bn1", 7, 3, 64, 2, false), "relu1");
        x = tf.withName("maxpool").nn.maxPool(x, tf.constant(new int[] {1, 3, 3, 1}), tf.constant(new int[] {1, 2, 2, 1}),
                "SAME");
        size = (size + 1) / 2;
        long channels = 64;
        for (int stage = 0; stage < 4; stage++) {
            long width = ResNetArchitecture.STAGE_WIDTHS[stage];
            for (int block = 0; block < arch.stageBlocks().get(stage); block++) {
                int stride = stage > 0 && block == 0 ? 2 : 1;
                String prefix = "layer" + (stage + 1) + "_" + block;
                x = arch.bottleneck()
                        ? bottleneck(x, prefix, channels, width, stride)
                        : basic(x, prefix, channels, width, stride);
                channels = width * arch.expansion();
            }
        }
        Operand<TFloat32> pooled = tf.withName("avgpool").math.mean(x, tf.constant(new int[] {1, 2}));
        Operand<TFloat32> w = params.trainable(tf, "fc_w", new long[] {channels, classes},
                ParamSource.Init.normal((float) Math.sqrt(1.0 / channels)), true);
        Operand<TFloat32> b = params.trainable(tf, "fc_b", new long[] {classes}, ParamSource.Init.constant(0f), false);
        counter.addParams(channels * classes + classes);
        counter.addMultiplyAdds(channels * classes);
        return tf.withName("logits").nn.biasAdd(tf.withName("fc_matmul").linalg.matMul(pooled, w), b);
    }

    private Operand<TFloat32> basic(Operand<TFloat32> input, String prefix, long in, long width, int stride) {
        long blockInputSize = size;
        Operand<TFloat32> x = relu(convBn(input, prefix + "_conv1", prefix + "_bn1", 3, in, width, stride, false),
                prefix + "_relu1");
        x = convBn(x, prefix + "_conv2", prefix + "_bn2", 3, width, width, 1, true);
        return relu(tf.withName(prefix + "_add").math.add(x, shortcut(input, prefix, in, width, stride, blockInputSize)),
                prefix + "_relu2");
    }

    private Operand<TFloat32> bottleneck(Operand<TFloat32> input, String prefix, long in, long width, int stride) {
        long blockInputSize = size;
        long out = width * 4;
        Operand<TFloat32> x = relu(convBn(input, prefix + "_conv1", prefix + "_bn1", 1, in, width, 1, false),
                prefix + "_relu1");
        x = relu(convBn(x, prefix + "_conv2", prefix + "_bn2", 3, width, width, stride, false), prefix + "_relu2");
        x = convBn(x, prefix + "_conv3", prefix + "_bn3", 1, width, out, 1, true);
        return relu(tf.withName(prefix + "_add").math.add(x, shortcut(input, prefix, in, out, stride, blockInputSize)),
                prefix + "_relu3");
    }

    private Operand<TFloat32> shortcut(Operand<TFloat32> input, String prefix, long in, long out, int stride,
            long inputSize) {
        if (stride == 1 && in == out) {
            return input;
        }
        long outputSize = size;
        size = inputSize;
        Operand<TFloat32> projected = convBn(input, prefix + "_down_conv", prefix + "_down_bn", 1, in, out, stride,
                false);
        size = outputSize;
        return projected;
    }

    /** A convolution and its batch norm; folded into one convolution plus bias when the graph folds. */
    private Operand<TFloat32> convBn(Operand<TFloat32> x, String convName, String bnName, int kernel, long in, long out,
            int stride, boolean zeroGamma) {
        if (!foldBatchNorm) {
            return batchNorm(conv(x, convName, kernel, in, out, stride), bnName, out, zeroGamma);
        }
        Operand<TFloat32> convolved = conv(x, convName, kernel, in, out, stride);
        Operand<TFloat32> bias = params.foldedBias(tf, bnName + BatchNormFolding.BIAS_SUFFIX, out);
        counter.addParams(out);
        // BiasAdd (not Add) so that Conv2D + BiasAdd [+ Add] [+ Relu] matches the fused-conv patterns
        return tf.withName(bnName).nn.biasAdd(convolved, bias);
    }

    private Operand<TFloat32> conv(Operand<TFloat32> x, String name, int kernel, long in, long out, int stride) {
        long[] shape = {kernel, kernel, in, out};
        Operand<TFloat32> w = foldBatchNorm
                ? params.foldedKernel(tf, name + "_w", shape)
                : params.trainable(tf, name + "_w", shape, ParamSource.Init.heNormal((long) kernel * kernel * in), true);
        size = (size + stride - 1) / stride;
        counter.addParams((long) kernel * kernel * in * out);
        counter.addMultiplyAdds(size * size * kernel * kernel * in * out);
        List<Long> strides = Arrays.asList(1L, (long) stride, (long) stride, 1L);
        return tf.withName(name).nn.conv2d(x, w, strides, "SAME");
    }

    /**
     * @param zeroGamma start the block's last batch norm at zero, so each residual block begins
     *                  as the identity (Goyal et al. 2017): trains faster from scratch.
     */
    private Operand<TFloat32> batchNorm(Operand<TFloat32> x, String name, long channels, boolean zeroGamma) {
        Operand<TFloat32> gamma = params.trainable(tf, name + "_gamma", new long[] {channels},
                ParamSource.Init.constant(zeroGamma ? 0f : 1f), false);
        Operand<TFloat32> beta = params.trainable(tf, name + "_beta", new long[] {channels},
                ParamSource.Init.constant(0f), false);
        Operand<TFloat32> mean = params.statistic(tf, name + "_moving_mean", channels, 0f);
        Operand<TFloat32> variance = params.statistic(tf, name + "_moving_variance", channels, 1f);
        counter.addParams(2 * channels);
        FusedBatchNorm<TFloat32, TFloat32> bn = tf.withName(name).nn.fusedBatchNorm(x, gamma, beta, mean, variance,
                FusedBatchNorm.epsilon(BN_EPSILON), FusedBatchNorm.isTraining(training),
                FusedBatchNorm.exponentialAvgFactor(training ? BN_AVERAGE_FACTOR : 1f), FusedBatchNorm.dataFormat("NHWC"));
        if (training) {
            params.updateStatistic(tf, name + "_moving_mean", bn.batchMean());
            params.updateStatistic(tf, name + "_moving_variance", bn.batchVariance());
        }
        return bn.y();
    }

    private Operand<TFloat32> relu(Operand<TFloat32> x, String name) {
        return tf.withName(name).nn.relu(x);
    }
}

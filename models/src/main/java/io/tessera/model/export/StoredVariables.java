package io.tessera.model.export;

import io.tessera.model.resnet.BatchNormFolding;
import io.tessera.model.resnet.ParamSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat16;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TFloating;

/**
 * Variables of an inference graph, filled with trained values through one assign op each. With
 * {@link WeightStorage#FP16} a variable holds half-precision values and the graph reads it through
 * a cast to fp32. Folded graphs keep the per-channel values (batch-norm scale and bias) in fp32
 * whatever the storage: they are few, and rounding them would move the scores.
 */
final class StoredVariables implements ParamSource {
    private record Slot(String name, long[] shape, WeightStorage storage, Placeholder<? extends TFloating> value,
            Op assign) {
    }

    private final WeightStorage storage;
    private final List<Slot> slots = new ArrayList<>();

    StoredVariables(WeightStorage storage) {
        this.storage = storage;
    }

    @Override
    public Operand<TFloat32> trainable(Ops tf, String name, long[] shape, Init init, boolean decay) {
        return variable(tf, name, shape, storage);
    }

    @Override
    public Operand<TFloat32> foldedBias(Ops tf, String name, long channels) {
        return variable(tf, name, new long[] {channels}, WeightStorage.FP32);
    }

    /**
     * fp32: one variable with the folded kernel. fp16: the unfolded kernel as stored before plus
     * an fp32 scale per output channel, multiplied in the graph, so that the fold adds no second
     * rounding to fp16 (see {@link io.tessera.model.resnet.BatchNormFolding}).
     */
    @Override
    public Operand<TFloat32> foldedKernel(Ops tf, String name, long[] shape) {
        Operand<TFloat32> kernel = variable(tf, name, shape, storage);
        if (storage == WeightStorage.FP32) {
            return kernel;
        }
        Operand<TFloat32> scale = variable(tf, name + BatchNormFolding.SCALE_SUFFIX,
                new long[] {shape[shape.length - 1]}, WeightStorage.FP32);
        return tf.withName(name + "_folded").math.mul(kernel, scale);
    }

    @Override
    public Operand<TFloat32> statistic(Ops tf, String name, long channels, float initialValue) {
        return variable(tf, name, new long[] {channels}, storage);
    }

    @Override
    public void updateStatistic(Ops tf, String name, Operand<TFloat32> newValue) {
        throw new IllegalStateException("an inference graph does not update batch-norm statistics");
    }

    private Operand<TFloat32> variable(Ops tf, String name, long[] shape, WeightStorage storage) {
        if (storage == WeightStorage.FP16) {
            Variable<TFloat16> v = tf.withName(name).variable(Shape.of(shape), TFloat16.class);
            Placeholder<TFloat16> value = tf.withName(name + "_value").placeholder(TFloat16.class,
                    Placeholder.shape(Shape.of(shape)));
            slots.add(new Slot(name, shape, storage, value, tf.withName(name + "_assign").assign(v, value)));
            return tf.withName(name + "_f32").dtypes.cast(v, TFloat32.class);
        }
        Variable<TFloat32> v = tf.withName(name).variable(Shape.of(shape), TFloat32.class);
        Placeholder<TFloat32> value = tf.withName(name + "_value").placeholder(TFloat32.class,
                Placeholder.shape(Shape.of(shape)));
        slots.add(new Slot(name, shape, storage, value, tf.withName(name + "_assign").assign(v, value)));
        return v;
    }

    /** Fills every variable from {@code values}, which must hold each by name with the right size. */
    void fill(Session session, Map<String, float[]> values) {
        for (Slot slot : slots) {
            float[] data = values.get(slot.name());
            long expected = Shape.of(slot.shape()).size();
            if (data == null || data.length != expected) {
                throw new IllegalArgumentException("trained values for variable " + slot.name() + " missing or of the"
                        + " wrong size: expected " + expected + " floats, got " + (data == null ? "none" : data.length));
            }
            try (Tensor t = slot.storage() == WeightStorage.FP16
                    ? TFloat16.tensorOf(Shape.of(slot.shape()), DataBuffers.of(data, true, false))
                    : TFloat32.tensorOf(Shape.of(slot.shape()), DataBuffers.of(data, true, false))) {
                session.runner().feed(slot.value(), t).addTarget(slot.assign()).run().close();
            }
        }
    }
}

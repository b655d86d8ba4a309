package io.tessera.model.resnet;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Uninitialised variables, for building a graph only to inspect it (parameter counts, op names). */
public final class BareVariables implements ParamSource {
    private final List<long[]> trainableShapes = new ArrayList<>();

    @Override
    public Operand<TFloat32> trainable(Ops tf, String name, long[] shape, Init init, boolean decay) {
        trainableShapes.add(shape.clone());
        return tf.withName(name).variable(Shape.of(shape), TFloat32.class);
    }

    @Override
    public Operand<TFloat32> statistic(Ops tf, String name, long channels, float initialValue) {
        return tf.withName(name).variable(Shape.of(channels), TFloat32.class);
    }

    @Override
    public void updateStatistic(Ops tf, String name, Operand<TFloat32> newValue) {
        // inspection graphs are never run
    }

    /** Elements in all trainable variables, from the variables' own shapes. */
    public long trainableElements() {
        long total = 0;
        for (long[] shape : trainableShapes) {
            total += Shape.of(shape).size();
        }
        return total;
    }
}

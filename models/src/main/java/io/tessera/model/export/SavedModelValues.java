package io.tessera.model.export;

import io.tessera.model.resnet.LayerCounter;
import io.tessera.model.resnet.ParamSource;
import io.tessera.model.resnet.ResNetArchitecture;
import io.tessera.model.resnet.ResNetGraph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Reads the trained values back out of a SavedModel exported with {@link ServingGraph#BATCH_NORM}
 * (fp16 or fp32 storage), so that a shipped model can be exported again in another graph form
 * without its training run.
 */
public final class SavedModelValues {
    private SavedModelValues() {
    }

    /** Values by variable name, as {@link SavedModelExporter#export} takes them. */
    public static Map<String, float[]> read(Path dir, ResNetArchitecture arch) {
        if (!Files.isRegularFile(dir.resolve("saved_model.pb"))) {
            throw new IllegalArgumentException("no saved_model.pb in " + dir + ": expected an exported model folder");
        }
        List<String> names = variableNames(arch);
        Map<String, float[]> values = new LinkedHashMap<>();
        try (SavedModelBundle bundle = SavedModelBundle.load(dir.toString(), SavedModelExporter.TAG)) {
            for (String name : names) {
                if (bundle.graph().operation(name) == null) {
                    throw new IllegalArgumentException("model " + dir + " has no variable " + name + ": not a "
                            + arch.name() + " exported with batch-norm ops");
                }
                try (Result r = bundle.session().runner().fetch(name).run()) {
                    Tensor t = r.get(0);
                    float[] v = new float[(int) t.shape().size()];
                    ((FloatNdArray) t).copyTo(DataBuffers.of(v, false, false));
                    values.put(name, v);
                }
            }
        }
        return values;
    }

    private static List<String> variableNames(ResNetArchitecture arch) {
        List<String> names = new ArrayList<>();
        ParamSource recorder = new ParamSource() {
            @Override
            public Operand<TFloat32> trainable(Ops tf, String name, long[] shape, Init init, boolean decay) {
                names.add(name);
                return tf.withName(name).placeholder(TFloat32.class, Placeholder.shape(Shape.of(shape)));
            }

            @Override
            public Operand<TFloat32> statistic(Ops tf, String name, long channels, float initialValue) {
                names.add(name);
                return tf.withName(name).placeholder(TFloat32.class, Placeholder.shape(Shape.of(channels)));
            }

            @Override
            public void updateStatistic(Ops tf, String name, Operand<TFloat32> newValue) {
                // inference graph
            }
        };
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            ResNetGraph.logits(tf, tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, -1, 3))), arch, 2,
                    false, recorder, new LayerCounter(), 0);
        }
        return names;
    }
}

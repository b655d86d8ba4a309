package io.tessera.model.export;

import io.tessera.model.resnet.BatchNormFolding;
import io.tessera.model.resnet.LayerCounter;
import io.tessera.model.resnet.ResNetArchitecture;
import io.tessera.model.resnet.ResNetGraph;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Writes a trained classifier as a TensorFlow SavedModel for serving: tag {@code serve},
 * signature {@code serving_default} with input {@value #INPUT} (NHWC float32
 * [batch, height, width, 3], every dimension but the channels dynamic, normalised as the model
 * card says) and output {@value #OUTPUT} (softmax probability of the defect class, [batch]).
 * Batch norm runs in inference mode with the moving statistics, as its own op or folded into the
 * convolutions ({@link ServingGraph}).
 */
public final class SavedModelExporter {
    public static final String TAG = "serve";
    public static final String SIGNATURE = "serving_default";
    public static final String INPUT = "input";
    public static final String OUTPUT = "defect_probability";
    /** Index of the defect class in the logits: classes are [ok, defect]. */
    static final int DEFECT_CLASS = 1;

    private SavedModelExporter() {
    }

    /**
     * softmax(logits)[:, 1] written as 1 / (1 + exp(l0 - l1)). Same value, but under the bf16 rewrite
     * a Softmax output is rounded to bf16 (steps of 1/512 near 1, too coarse to calibrate a threshold
     * between confident scores), while Exp is on the rewrite's fp32 list, so this output stays fp32.
     */
    static Operand<TFloat32> defectProbability(Ops tf, Operand<TFloat32> logits) {
        Operand<TFloat32> ok = tf.withName("logit_ok").gather(logits, tf.constant(1 - DEFECT_CLASS), tf.constant(1));
        Operand<TFloat32> defect = tf.withName("logit_defect").gather(logits, tf.constant(DEFECT_CLASS),
                tf.constant(1));
        Operand<TFloat32> odds = tf.withName("inverse_odds").math.exp(tf.withName("logit_margin").math.sub(ok, defect));
        return tf.withName(OUTPUT).math.reciprocal(tf.withName("one_plus_inverse_odds").math.add(tf.constant(1f),
                odds));
    }

    /** Exports the graph as trained, with batch-norm ops. */
    public static void export(Path dir, ResNetArchitecture arch, Map<String, float[]> values, WeightStorage storage)
            throws IOException {
        export(dir, arch, values, storage, ServingGraph.BATCH_NORM);
    }

    /** @param values trained values of the unfolded network; folded here when {@code graph} asks for it */
    public static void export(Path dir, ResNetArchitecture arch, Map<String, float[]> values, WeightStorage storage,
            ServingGraph graphForm) throws IOException {
        if (Files.exists(dir.resolve("saved_model.pb"))) {
            throw new IOException("export folder " + dir + " already holds a SavedModel: choose an empty folder");
        }
        Files.createDirectories(dir.getParent() == null ? dir.toAbsolutePath().getParent() : dir.getParent());
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Placeholder<TFloat32> input = tf.withName(INPUT).placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1, -1, -1, 3)));
            StoredVariables variables = new StoredVariables(storage);
            Operand<TFloat32> logits = graphForm == ServingGraph.FOLDED
                    ? ResNetGraph.foldedLogits(tf, input, arch, 2, variables)
                    : ResNetGraph.logits(tf, input, arch, 2, false, variables, new LayerCounter(), 0);
            Operand<TFloat32> defect = defectProbability(tf, logits);
            Map<String, float[]> stored = graphForm == ServingGraph.FOLDED
                    ? BatchNormFolding.fold(values, storage == WeightStorage.FP16)
                    : values;
            try (Session session = new Session(graph)) {
                variables.fill(session, stored);
                Signature signature = Signature.builder().key(SIGNATURE).input(INPUT, input).output(OUTPUT, defect)
                        .methodName("tensorflow/serving/predict").build();
                SavedModelBundle.exporter(dir.toString()).withTags(TAG).withSession(session).withSignature(signature)
                        .export();
            }
        }
    }
}

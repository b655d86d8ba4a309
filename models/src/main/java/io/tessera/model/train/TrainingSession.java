package io.tessera.model.train;

import io.tessera.model.serving.SessionConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** A session over a {@link TrainingGraph}: one optimiser step at a time, checkpoints, and the trained values. */
public final class TrainingSession implements AutoCloseable {
    private final TrainingGraph graph;
    private final Session session;
    private final AdamW adam;

    /** What one step reports. */
    public record StepResult(float loss, float[] defectProbability) {
    }

    public TrainingSession(TrainingGraph graph, AdamW adam, SessionConfig config) {
        this.graph = graph;
        this.adam = adam;
        this.session = new Session(graph.graph(), config.toProto());
    }

    /** Fresh start: runs the seeded initialisers. */
    public void initialize() {
        session.initialize();
    }

    /**
     * One AdamW step.
     *
     * @param step 1-based number of this step (Adam's bias correction)
     */
    public StepResult step(float[] images, int[] labels, int size, float learningRate, long step) {
        int batch = labels.length;
        try (TFloat32 x = TFloat32.tensorOf(Shape.of(batch, size, size, 3), DataBuffers.of(images, true, false));
                TInt32 y = TInt32.tensorOf(Shape.of(batch), DataBuffers.of(labels, true, false));
                TFloat32 lr = TFloat32.scalarOf(learningRate);
                TFloat32 b1 = TFloat32.scalarOf(adam.beta1Power(step));
                TFloat32 b2 = TFloat32.scalarOf(adam.beta2Power(step));
                Result result = session.runner()
                        .feed(TrainingGraph.INPUT, x)
                        .feed(TrainingGraph.LABELS, y)
                        .feed(TrainingGraph.LEARNING_RATE, lr)
                        .feed(TrainingGraph.BETA1_POWER, b1)
                        .feed(TrainingGraph.BETA2_POWER, b2)
                        .fetch(TrainingGraph.LOSS)
                        .fetch(TrainingGraph.DEFECT_PROBABILITY)
                        .addTarget(TrainingGraph.TRAIN_STEP)
                        .run()) {
            float loss = ((TFloat32) result.get(0)).getFloat();
            TFloat32 probs = (TFloat32) result.get(1);
            float[] p = new float[batch];
            probs.copyTo(DataBuffers.of(p, false, false));
            return new StepResult(loss, p);
        }
    }

    /** Writes every variable, optimiser slots included, under {@code prefix} (TensorFlow checkpoint files). */
    public void save(Path prefix) {
        session.save(prefix.toString());
    }

    public void restore(Path prefix) {
        session.restore(prefix.toString());
    }

    /** Current values of the model variables (weights and batch-norm statistics), by name. */
    public Map<String, float[]> modelValues() {
        Map<String, float[]> values = new LinkedHashMap<>();
        for (TrainableVariables.Entry entry : graph.variables().entries()) {
            try (Result result = session.runner().fetch(entry.variable()).run()) {
                Tensor t = result.get(0);
                float[] data = new float[(int) t.shape().size()];
                ((TFloat32) t).copyTo(DataBuffers.of(data, false, false));
                values.put(entry.name(), data);
            }
        }
        return values;
    }

    @Override
    public void close() {
        session.close();
    }
}

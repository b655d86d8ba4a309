package io.tessera.model.train;

import io.tessera.model.resnet.LayerCounter;
import io.tessera.model.resnet.ResNetArchitecture;
import io.tessera.model.resnet.ResNetGraph;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The training graph: ResNet in training mode, softmax cross-entropy, gradients from
 * {@link Graph#addGradients}, AdamW through the raw {@code ApplyAdam} op, and batch-norm moving
 * averages updated by the same step. The learning rate and Adam's bias-correction powers are
 * fed each step, so the schedule lives in Java and a resumed run continues it exactly.
 */
public final class TrainingGraph implements AutoCloseable {
    public static final String INPUT = "input";
    public static final String LABELS = "labels";
    public static final String LEARNING_RATE = "learning_rate";
    public static final String BETA1_POWER = "beta1_power";
    public static final String BETA2_POWER = "beta2_power";
    public static final String LOSS = "loss";
    public static final String DEFECT_PROBABILITY = "train_defect_probability";
    public static final String TRAIN_STEP = "train_step";

    private final Graph graph;
    private final TrainableVariables variables;

    private TrainingGraph(Graph graph, TrainableVariables variables) {
        this.graph = graph;
        this.variables = variables;
    }

    public static TrainingGraph build(ResNetArchitecture arch, int classes, AdamW adam, long seed) {
        Graph graph = new Graph();
        try {
            Ops tf = Ops.create(graph);
            Placeholder<TFloat32> input = tf.withName(INPUT).placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1, -1, -1, 3)));
            Placeholder<TInt32> labels = tf.withName(LABELS).placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
            Placeholder<TFloat32> lr = tf.withName(LEARNING_RATE).placeholder(TFloat32.class,
                    Placeholder.shape(Shape.scalar()));
            Placeholder<TFloat32> beta1Power = tf.withName(BETA1_POWER).placeholder(TFloat32.class,
                    Placeholder.shape(Shape.scalar()));
            Placeholder<TFloat32> beta2Power = tf.withName(BETA2_POWER).placeholder(TFloat32.class,
                    Placeholder.shape(Shape.scalar()));

            TrainableVariables variables = new TrainableVariables(seed);
            Operand<TFloat32> logits = ResNetGraph.logits(tf, input, arch, classes, true, variables, new LayerCounter(),
                    0);
            // the dense cross-entropy op: TensorFlow's C++ gradient registry has no gradient for the sparse one
            Operand<TFloat32> oneHot = tf.withName("labels_one_hot").oneHot(labels, tf.constant(classes),
                    tf.constant(1f), tf.constant(0f));
            Operand<TFloat32> perExample = tf.withName("xent").nn.softmaxCrossEntropyWithLogits(logits, oneHot).loss();
            Operand<TFloat32> loss = tf.withName(LOSS).math.mean(perExample, tf.constant(0));
            tf.withName(DEFECT_PROBABILITY).gather(tf.withName("train_softmax").nn.softmax(logits), tf.constant(1),
                    tf.constant(1));

            List<TrainableVariables.Entry> trainable = variables.trainableEntries();
            Output<?>[] targets = new Output<?>[trainable.size()];
            for (int i = 0; i < targets.length; i++) {
                targets[i] = trainable.get(i).variable().asOutput();
            }
            Output<?>[] gradients = graph.addGradients(loss.asOutput(), targets);

            List<Op> updates = new ArrayList<>(variables.statisticUpdates());
            Operand<TFloat32> b1 = tf.constant(adam.beta1());
            Operand<TFloat32> b2 = tf.constant(adam.beta2());
            Operand<TFloat32> eps = tf.constant(adam.epsilon());
            Operand<TFloat32> decayRate = tf.withName("decay_rate").math.mul(lr, tf.constant(adam.weightDecay()));
            // Variables are references: an update that ran while backprop still reads the weight (the
            // input gradient of a layer needs its kernel) would race. So no weight changes until
            // every gradient exists.
            List<Op> gradientOps = new ArrayList<>();
            for (int i = 0; i < trainable.size(); i++) {
                @SuppressWarnings("unchecked")
                Operand<TFloat32> rawGrad = (Operand<TFloat32>) gradients[i];
                gradientOps.add(tf.withName(trainable.get(i).name() + "_grad").identity(rawGrad));
            }
            Op gradientsDone = tf.withControlDependencies(gradientOps).withName("gradients_done").noOp();
            Ops afterGradients = tf.withControlDependencies(List.of(gradientsDone));
            for (int i = 0; i < trainable.size(); i++) {
                TrainableVariables.Entry entry = trainable.get(i);
                Variable<TFloat32> w = entry.variable();
                @SuppressWarnings("unchecked")
                Operand<TFloat32> grad = (Operand<TFloat32>) gradientOps.get(i);
                List<Op> before = new ArrayList<>(List.of(gradientsDone));
                if (entry.decay() && adam.weightDecay() > 0) {
                    // decoupled decay, after the gradients have been computed from the undecayed weights
                    before.add(afterGradients.withName(entry.name() + "_decay").assignSub(w,
                            afterGradients.math.mul(decayRate, w)));
                }
                Variable<TFloat32> m = slot(tf, entry, "_adam_m");
                Variable<TFloat32> v = slot(tf, entry, "_adam_v");
                updates.add(tf.withControlDependencies(before).withName(entry.name() + "_adam").train.applyAdam(w, m, v,
                        beta1Power, beta2Power, lr, b1, b2, eps, grad));
            }
            tf.withControlDependencies(updates).withName(TRAIN_STEP).noOp();
            return new TrainingGraph(graph, variables);
        } catch (RuntimeException e) {
            graph.close();
            throw e;
        }
    }

    private static Variable<TFloat32> slot(Ops tf, TrainableVariables.Entry entry, String suffix) {
        return tf.withName(entry.name() + suffix).variable(
                tf.withName(entry.name() + suffix + "_init").zeros(tf.constant(entry.shape()), TFloat32.class));
    }

    public Graph graph() {
        return graph;
    }

    public TrainableVariables variables() {
        return variables;
    }

    @Override
    public void close() {
        graph.close();
    }
}

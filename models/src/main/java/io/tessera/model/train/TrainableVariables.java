package io.tessera.model.train;

import io.tessera.model.resnet.ParamSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.random.TruncatedNormal;
import org.tensorflow.types.TFloat32;

/**
 * Variables of a network being trained: seeded random initial values, the list the optimiser
 * walks, and the batch-norm statistic updates to run with every step.
 */
public final class TrainableVariables implements ParamSource {
    /** Standard deviation of a unit normal truncated at two sigma: divides it out so the spread is as asked. */
    private static final double TRUNCATED_STD = 0.87962566103423978;

    /** A model variable: its name is also its name in checkpoints and in the exported model. */
    public record Entry(String name, Variable<TFloat32> variable, long[] shape, boolean trainable, boolean decay) {
    }

    private final long seed;
    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, Variable<TFloat32>> statistics = new HashMap<>();
    private final List<Op> statisticUpdates = new ArrayList<>();

    public TrainableVariables(long seed) {
        this.seed = seed;
    }

    @Override
    public Operand<TFloat32> trainable(Ops tf, String name, long[] shape, Init init, boolean decay) {
        Operand<TFloat32> initial;
        if (init.kind() == Init.Kind.NORMAL) {
            // seed2 differs per variable, so each gets its own stream but the whole net is reproducible
            Operand<TFloat32> unit = tf.withName(name + "_init_normal").random.truncatedNormal(tf.constant(shape),
                    TFloat32.class, TruncatedNormal.seed(seed), TruncatedNormal.seed2((long) entries.size() + 1));
            initial = tf.withName(name + "_init").math.mul(unit, tf.constant((float) (init.value() / TRUNCATED_STD)));
        } else {
            initial = tf.withName(name + "_init").fill(tf.constant(shape), tf.constant(init.value()));
        }
        Variable<TFloat32> variable = tf.withName(name).variable(initial);
        entries.add(new Entry(name, variable, shape.clone(), true, decay));
        return variable;
    }

    @Override
    public Operand<TFloat32> statistic(Ops tf, String name, long channels, float initialValue) {
        long[] shape = {channels};
        Variable<TFloat32> variable = tf.withName(name).variable(
                tf.withName(name + "_init").fill(tf.constant(shape), tf.constant(initialValue)));
        entries.add(new Entry(name, variable, shape, false, false));
        statistics.put(name, variable);
        return variable;
    }

    @Override
    public void updateStatistic(Ops tf, String name, Operand<TFloat32> newValue) {
        Variable<TFloat32> variable = statistics.get(name);
        if (variable == null) {
            throw new IllegalStateException("no batch-norm statistic named " + name);
        }
        statisticUpdates.add(tf.withName(name + "_update").assign(variable, newValue));
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    public List<Entry> trainableEntries() {
        return entries.stream().filter(Entry::trainable).toList();
    }

    public List<Op> statisticUpdates() {
        return List.copyOf(statisticUpdates);
    }
}

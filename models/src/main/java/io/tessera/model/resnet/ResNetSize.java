package io.tessera.model.resnet;

import org.tensorflow.Graph;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Size and cost of a ResNet: trainable parameters (batch-norm moving statistics excluded, as in
 * the reference table) and multiply-adds for one image, quoted as GFLOPs like the reference.
 * Computed by building the real graph, not from a formula.
 */
public record ResNetSize(int depth, int classes, int inputSize, long params, long variableElements, long multiplyAdds) {

    public static ResNetSize of(int depth, int classes, int inputSize) {
        ResNetArchitecture arch = ResNetArchitecture.of(depth);
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Placeholder<TFloat32> input = tf.withName("input").placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1, -1, -1, 3)));
            BareVariables variables = new BareVariables();
            LayerCounter counter = new LayerCounter();
            ResNetGraph.logits(tf, input, arch, classes, false, variables, counter, inputSize);
            return new ResNetSize(depth, classes, inputSize, counter.params(), variables.trainableElements(),
                    counter.multiplyAdds());
        }
    }

    public double millionParams() {
        return params / 1e6;
    }

    public double gflops() {
        return multiplyAdds / 1e9;
    }
}

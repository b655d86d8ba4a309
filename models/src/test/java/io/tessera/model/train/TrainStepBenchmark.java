package io.tessera.model.train;

import io.tessera.model.resnet.ResNetArchitecture;
import io.tessera.model.serving.Precision;
import io.tessera.model.serving.SessionConfig;
import java.util.SplittableRandom;

/** Prints the time of a ResNet34 training step per precision: {@code TrainStepBenchmark <size> <batch> <steps>}. */
public final class TrainStepBenchmark {
    public static void main(String[] args) {
        int size = Integer.parseInt(args[0]);
        int batch = Integer.parseInt(args[1]);
        int steps = Integer.parseInt(args[2]);
        AdamW adam = AdamW.defaults(0.02f);
        SplittableRandom random = new SplittableRandom(1);
        float[] images = new float[batch * size * size * 3];
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) random.nextGaussian();
        }
        int[] labels = new int[batch];
        for (int i = 0; i < batch; i++) {
            labels[i] = i % 2;
        }
        for (String p : args.length > 3 ? args[3].split(",") : new String[] {"fp32", "bf16"}) {
            try (TrainingGraph graph = TrainingGraph.build(ResNetArchitecture.of(34), 2, adam, 7);
                    TrainingSession session = new TrainingSession(graph, adam, new SessionConfig(Precision.parse(p), 0, 0))) {
                session.initialize();
                for (int s = 1; s <= steps + 2; s++) {
                    long t0 = System.nanoTime();
                    TrainingSession.StepResult r = session.step(images, labels, size, 1e-3f, s);
                    System.out.printf("%s step %d loss %.4f %.3f s%n", p, s, r.loss(), (System.nanoTime() - t0) / 1e9);
                }
            }
        }
    }
}

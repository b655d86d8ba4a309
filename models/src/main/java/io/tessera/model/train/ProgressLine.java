package io.tessera.model.train;

import java.time.Duration;

/**
 * The training progress line: a bar, smoothed loss and accuracy, throughput and time left.
 * Loss and accuracy are exponential moving averages over about the last 50 steps, since a
 * single batch is too noisy to read a trend from.
 */
final class ProgressLine {
    private static final double SMOOTHING = 0.02;
    private static final int BAR = 24;
    private final long totalSteps;
    private final long firstStep;
    private final long startNanos;
    private double loss = Double.NaN;
    private double accuracy = Double.NaN;

    ProgressLine(long firstStep, long totalSteps) {
        this.firstStep = firstStep;
        this.totalSteps = totalSteps;
        this.startNanos = System.nanoTime();
    }

    void record(float stepLoss, double stepAccuracy) {
        loss = Double.isNaN(loss) ? stepLoss : loss + SMOOTHING * (stepLoss - loss);
        accuracy = Double.isNaN(accuracy) ? stepAccuracy : accuracy + SMOOTHING * (stepAccuracy - accuracy);
    }

    double loss() {
        return loss;
    }

    double accuracy() {
        return accuracy;
    }

    String render(long step, int batchSize, float learningRate) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        long done = step - firstStep + 1;
        double stepsPerSecond = done / Math.max(seconds, 1e-9);
        long eta = (long) ((totalSteps - step) / Math.max(stepsPerSecond, 1e-9));
        int filled = (int) (BAR * step / totalSteps);
        return String.format("[%s%s] step %d/%d  loss %.4f  acc %.3f  lr %.2e  %.1f img/s  elapsed %s  ETA %s",
                "#".repeat(filled), ".".repeat(BAR - filled), step, totalSteps, loss, accuracy, learningRate,
                stepsPerSecond * batchSize, format(Duration.ofSeconds((long) seconds)), format(Duration.ofSeconds(eta)));
    }

    static String format(Duration d) {
        return String.format("%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }
}

package io.tessera.protocol;

/**
 * Milliseconds spent per stage of one frame. {@code queueMs} is capture to the start of
 * processing (broker and consumer lag), {@code waitMs} the time tiles waited for a batch,
 * {@code totalMs} capture to decision.
 */
public record StageLatency(double queueMs, double decodeMs, double tileMs, double waitMs, double inferMs, double totalMs) {
    public StageLatency {
        for (double v : new double[] {queueMs, decodeMs, tileMs, waitMs, inferMs, totalMs}) {
            if (Double.isNaN(v)) {
                throw new IllegalArgumentException("latency must be a number");
            }
        }
    }

    public static StageLatency none() {
        return new StageLatency(0, 0, 0, 0, 0, 0);
    }
}

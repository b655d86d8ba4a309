package io.tessera.bench;

import java.util.Arrays;

/**
 * What one frame costs in each stage before and in the model, measured in-process (no Kafka)
 * on simulated frames of the benchmark's size. CPU is the whole process's CPU time over the
 * stage (the model's thread pool included), so on a machine of N cores it can reach N times
 * the wall time.
 *
 * @param frames        frames measured
 * @param tilesPerFrame tiles in each frame
 */
public record StageCost(int frames, int tilesPerFrame, Stage decode, Stage tile, Stage infer) {

    /**
     * One frame's service time: its decode, tiling and model call, back to back on an idle
     * pipeline (the mean wall times).
     */
    public double serviceWallMs() {
        return decode.wallMs + tile.wallMs + infer.wallMs;
    }

    /**
     * Milliseconds per frame: the mean wall and CPU time, and the spread of the wall time over
     * the frames. The spread of the model call is the floor under the pipeline's latency tail:
     * the same tiles in the same call, with nothing else running, take this long at the 99th
     * percentile.
     */
    public record Stage(double wallMs, double cpuMs, double wallP50Ms, double wallP99Ms, double wallMaxMs) {

        /** Mean wall and CPU time and the spread of {@code wallNanos}, one entry a frame. */
        static Stage of(long[] wallNanos, long cpuNanos) {
            long[] sorted = wallNanos.clone();
            Arrays.sort(sorted);
            double total = 0;
            for (long w : sorted) {
                total += w;
            }
            int n = sorted.length;
            return new Stage(total / 1e6 / n, cpuNanos / 1e6 / n, nearestRank(sorted, 0.50), nearestRank(sorted, 0.99),
                    sorted[n - 1] / 1e6);
        }

        private static double nearestRank(long[] sorted, double p) {
            int rank = (int) Math.ceil(p * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
        }
    }
}

package io.tessera.bench;

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

    /** Mean milliseconds per frame. */
    public record Stage(double wallMs, double cpuMs) {
    }
}

package io.tessera.bench;

import java.util.Map;

/**
 * One benchmark run at one precision. Tiles per second are measured in the same run on the
 * same machine, so their ratio means something; absolute figures depend on the machine.
 *
 * @param modelTilesPerSec           the classifier alone, batches of {@code batchSize} (the better of a
 *                                   measurement before and one after the pipeline's)
 * @param modelTileByTileTilesPerSec the classifier alone, one tile per call
 * @param pipelineTilesPerSec        frames through the broker and the topology, backlog drained at full speed
 * @param ratio                      pipeline / model alone (goal: at least 0.9)
 * @param batchingSpeedup            pipeline / model tile by tile: what dynamic batching buys over classifying tile by tile
 * @param latencyMs                  capture to verdict at {@code latencyLoad} of the measured capacity
 * @param batchSizes                 model calls by batch size while the backlog drained
 */
public record BenchReport(
        String precision,
        String model,
        String tiling,
        int batchSize,
        long batchWaitMs,
        int streamThreads,
        double modelTilesPerSec,
        double modelTileByTileTilesPerSec,
        double pipelineTilesPerSec,
        double pipelineFramesPerSec,
        double ratio,
        double batchingSpeedup,
        double tilesPerFrame,
        int throughputFrames,
        Latency latencyMs,
        Map<Integer, Long> batchSizes,
        double meanBatchSize) {

    /** Latency from capture to verdict while cameras sent at a steady rate below capacity. */
    public record Latency(double p50, double p95, double p99, double max, int frames, double framesPerSec, double load) {
    }
}

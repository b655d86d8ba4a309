package io.tessera.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One benchmark run at one precision. Tiles per second are measured in the same run on the
 * same machine, so their ratio means something; absolute figures depend on the machine.
 *
 * @param precision                  the precision asked for: auto, fp32, bf16 or fp16
 * @param servedPrecision            the precision that served after the self-check (null when the model did not load)
 * @param precisionReason            why, e.g. {@code fp32 (auto): bf16 rejected: 3 non-finite outputs at batch 45}
 * @param failure                    why this precision has no (or only partial) figures; null when it ran through
 * @param modelTilesPerSec           the classifier alone, batches of {@code batchSize} (the better of a
 *                                   measurement before and one after the pipeline's)
 * @param modelTileByTileTilesPerSec the classifier alone, one tile per call
 * @param modelBeforeTilesPerSec     the batched model-alone pass before the pipeline's
 * @param modelAfterTilesPerSec      the same pass after the pipeline's: how far the two
 *                                   differ is how much the machine's own speed moved during the run
 * @param pipelineTilesPerSec        frames through the broker and the topology, backlog drained at full speed
 * @param ratio                      pipeline / model alone (goal: at least 0.9)
 * @param batchingSpeedup            pipeline / model tile by tile: what dynamic batching buys over classifying tile by tile
 * @param latencyMs                  capture to verdict at {@code latencyLoad} of the measured capacity
 * @param batchSizes                 model calls by batch size while the backlog drained
 * @param unknownVerdicts            backlog frames whose verdict was UNKNOWN (a model fault gives UNKNOWN model-error)
 * @param deadLetters                backlog frames dead-lettered instead of decided
 * @param machine                    the CPU the figures are from
 * @param stageCost                  per-stage cost of one frame (null: not measured)
 * @param goodput                    frames decided per second at each overload, next to the capacity
 *                                   ({@code pipelineFramesPerSec})
 */
public record BenchReport(
        String precision,
        String servedPrecision,
        String precisionReason,
        String failure,
        String model,
        String tiling,
        int batchSize,
        long batchWaitMs,
        int streamThreads,
        double modelTilesPerSec,
        double modelTileByTileTilesPerSec,
        double modelBeforeTilesPerSec,
        double modelAfterTilesPerSec,
        double pipelineTilesPerSec,
        double pipelineFramesPerSec,
        double ratio,
        double batchingSpeedup,
        double tilesPerFrame,
        int throughputFrames,
        Latency latencyMs,
        Map<Integer, Long> batchSizes,
        double meanBatchSize,
        long unknownVerdicts,
        long deadLetters,
        Machine machine,
        StageCost stageCost,
        List<Goodput> goodput) {

    /** The latency goal's factor over one frame's service time and the batch wait. */
    public static final double LATENCY_GOAL_FACTOR = 1.5;

    /** A precision that could not be measured: no figures, the reason in {@code failure}. */
    public static BenchReport failed(String precision, String servedPrecision, String precisionReason, String failure,
            String model, int batchSize, long batchWaitMs, int streamThreads, Machine machine) {
        return new BenchReport(precision, servedPrecision, precisionReason, failure, model, "", batchSize, batchWaitMs,
                streamThreads, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, Map.of(), 0, 0, 0, machine, null, List.of());
    }

    public boolean failed() {
        return failure != null;
    }

    /**
     * How much the machine's own speed moved between the model-alone passes before and after the
     * pipeline: |before - after| / the faster. On a shared machine a figure from one moment and
     * a figure from another differ by about this much for no reason of their own.
     */
    @JsonProperty("modelDrift")
    public double modelDrift() {
        double faster = Math.max(modelBeforeTilesPerSec, modelAfterTilesPerSec);
        return faster == 0 ? 0 : Math.abs(modelBeforeTilesPerSec - modelAfterTilesPerSec) / faster;
    }

    /**
     * The goal for p99 at the latency pass's load: {@value #LATENCY_GOAL_FACTOR} x (one frame's
     * service time, from the stage pass, + the batcher's longest wait); null without a stage pass.
     */
    @JsonProperty("latencyGoalMs")
    public Double latencyGoalMs() {
        return stageCost == null ? null : LATENCY_GOAL_FACTOR * (stageCost.serviceWallMs() + batchWaitMs);
    }

    /** The CPU, with the flags that decide reduced precision. */
    public record Machine(String cpu, int cores, boolean amxBf16, boolean avx512Bf16) {
    }

    /**
     * Cameras at {@code load} x capacity with the budget on.
     *
     * @param decidedPerSec frames a second that got OK or DEFECT (goodput)
     * @param ofCapacity    goodput / capacity (goal: at least 0.8)
     * @param frames        frames captured in the counted window
     * @param unknownOther  UNKNOWN for another reason than late
     * @param heapUsedMb    JVM heap in use at the end (flat from load to load: no backlog in memory)
     */
    public record Goodput(double load, double offeredFramesPerSec, double decidedPerSec, double ofCapacity, long frames,
            long decided, long late, long unknownOther, long sent, int verdicts, double heapUsedMb) {
    }

    /** Latency from capture to verdict while cameras sent at a steady rate below capacity. */
    public record Latency(double p50, double p95, double p99, double max, int frames, double framesPerSec, double load) {
    }
}

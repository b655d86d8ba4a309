package io.tessera.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tessera.protocol.Json;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** Prints benchmark reports as text or as one JSON object. */
public final class BenchFormat {
    private BenchFormat() {
    }

    /**
     * One JSON object: the first precision's figures at the top level ({@code modelTilesPerSec},
     * {@code pipelineTilesPerSec}, {@code ratio}, {@code latencyMs}, {@code batchingSpeedup}, ...),
     * and every precision's under {@code byPrecision}.
     */
    public static String json(List<BenchReport> reports) {
        ObjectMapper mapper = Json.newMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.valueToTree(reports.get(0));
        ObjectNode byPrecision = root.putObject("byPrecision");
        for (BenchReport r : reports) {
            byPrecision.set(r.precision(), mapper.valueToTree(r));
        }
        try {
            return mapper.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void text(List<BenchReport> reports, PrintWriter out) {
        for (BenchReport r : reports) {
            out.printf("%nTessera benchmark: %s, precision %s, tiles %s%n", r.model(), r.precision(), r.tiling());
            if (r.machine() != null) {
                BenchReport.Machine m = r.machine();
                out.printf("  machine: %s, %d cores; AMX-BF16 %s, AVX512-BF16 %s%n", m.cpu(), m.cores(), yes(m.amxBf16()),
                        yes(m.avx512Bf16()));
            }
            out.printf("  precision served: %s%n", r.precisionReason() == null ? "none" : r.precisionReason());
            if (r.failed()) {
                out.printf("  FAILED: %s%n", r.failure());
                if (r.modelTilesPerSec() == 0) {
                    continue;
                }
            }
            out.printf("  (a) model alone, batches of %d      %10.1f tiles/s%n", r.batchSize(), r.modelTilesPerSec());
            out.printf("      model alone, tile by tile        %10.1f tiles/s%n", r.modelTileByTileTilesPerSec());
            out.printf("      model alone before / after (b)   %10.1f / %.1f tiles/s (the machine's speed moved %.0f%% "
                    + "during the run)%n", r.modelBeforeTilesPerSec(), r.modelAfterTilesPerSec(), r.modelDrift() * 100);
            out.printf("  (b) pipeline (broker + topology)     %10.1f tiles/s  (%.2f frames/s, %.1f tiles/frame, %d frames, "
                    + "%d stream threads)%n", r.pipelineTilesPerSec(), r.pipelineFramesPerSec(), r.tilesPerFrame(),
                    r.throughputFrames(), r.streamThreads());
            out.printf("  ratio pipeline / model alone         %10.2f   (goal >= 0.90)%n", r.ratio());
            out.printf("  dynamic batching vs tile by tile     %10.2fx%n", r.batchingSpeedup());
            out.printf("  batch sizes (tiles: calls)           %s  mean %.1f, max wait %d ms%n", histogram(r.batchSizes()),
                    r.meanBatchSize(), r.batchWaitMs());
            out.printf("  frames UNKNOWN / dead-lettered       %d / %d%n", r.unknownVerdicts(), r.deadLetters());
            if (r.latencyMs() != null) {
                BenchReport.Latency l = r.latencyMs();
                out.printf("  latency capture -> verdict at %.0f%% load (%.2f frames/s, %d frames): p50 %.0f ms, p95 %.0f ms, "
                        + "p99 %.0f ms, max %.0f ms%n", l.load() * 100, l.framesPerSec(), l.frames(), l.p50(), l.p95(),
                        l.p99(), l.max());
            }
            if (r.stageCost() != null) {
                StageCost c = r.stageCost();
                out.printf("  per frame (%d tiles, %d frames): decode %.1f ms CPU (%.1f wall), tile %.1f ms CPU (%.1f wall), "
                        + "infer %.0f ms CPU (%.0f wall)%n", c.tilesPerFrame(), c.frames(), c.decode().cpuMs(), c.decode().wallMs(),
                        c.tile().cpuMs(), c.tile().wallMs(), c.infer().cpuMs(), c.infer().wallMs());
                out.printf("  model call alone, one frame at a time: wall p50 %.0f ms, p99 %.0f ms, max %.0f ms%n",
                        c.infer().wallP50Ms(), c.infer().wallP99Ms(), c.infer().wallMaxMs());
                if (r.latencyMs() != null) {
                    double goal = r.latencyGoalMs();
                    out.printf("  latency goal: p99 <= %.1f x (service %.0f ms + batch wait %d ms) = %.0f ms: %s (p99 %.0f ms)%n",
                            BenchReport.LATENCY_GOAL_FACTOR, c.serviceWallMs(), r.batchWaitMs(), goal,
                            r.latencyMs().p99() <= goal ? "met" : "missed", r.latencyMs().p99());
                }
            }
            for (BenchReport.Goodput g : r.goodput()) {
                out.printf("  goodput at %.0fx capacity (%.2f frames/s offered): %.2f frames/s decided = %.0f%% of capacity "
                        + "%.2f (goal >= 80%%); %d of %d frames decided, %d late, %d other UNKNOWN; heap %.0f MB%n", g.load(),
                        g.offeredFramesPerSec(), g.decidedPerSec(), g.ofCapacity() * 100, r.pipelineFramesPerSec(), g.decided(),
                        g.frames(), g.late(), g.unknownOther(), g.heapUsedMb());
            }
        }
        out.flush();
    }

    private static String yes(boolean b) {
        return b ? "yes" : "no";
    }

    private static String histogram(Map<Integer, Long> sizes) {
        StringBuilder s = new StringBuilder();
        sizes.forEach((size, calls) -> s.append(s.length() == 0 ? "" : ", ").append(size).append(": ").append(calls));
        return s.toString();
    }
}

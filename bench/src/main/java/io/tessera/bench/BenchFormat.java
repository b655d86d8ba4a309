package io.tessera.bench;

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
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void text(List<BenchReport> reports, PrintWriter out) {
        for (BenchReport r : reports) {
            out.printf("%nTessera benchmark: %s, precision %s, tiles %s%n", r.model(), r.precision(), r.tiling());
            out.printf("  precision served: %s%n", r.precisionReason() == null ? "none" : r.precisionReason());
            if (r.failed()) {
                out.printf("  FAILED: %s%n", r.failure());
                if (r.modelTilesPerSec() == 0) {
                    continue;
                }
            }
            out.printf("  (a) model alone, batches of %d      %10.1f tiles/s%n", r.batchSize(), r.modelTilesPerSec());
            out.printf("      model alone, tile by tile        %10.1f tiles/s%n", r.modelTileByTileTilesPerSec());
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
        }
        out.flush();
    }

    private static String histogram(Map<Integer, Long> sizes) {
        StringBuilder s = new StringBuilder();
        sizes.forEach((size, calls) -> s.append(s.length() == 0 ? "" : ", ").append(size).append(": ").append(calls));
        return s.toString();
    }
}

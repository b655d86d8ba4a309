package io.tessera.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchFormatTest {
    private static BenchReport report(String precision, double pipeline) {
        return new BenchReport(precision, precision, precision + " (as requested)", null, "pitting-resnet34 1",
                "256px/32 overlap -> 128px", 32, 10, 2, 200.0, 40.0,
                pipeline, pipeline / 50, pipeline / 200.0, pipeline / 40.0, 50.0, 40,
                new BenchReport.Latency(410, 620, 700, 750, 30, 2.0, 0.7), Map.of(32, 100L, 18, 5L), 31.3, 0, 0);
    }

    @Test
    void jsonHasTheAgreedFieldsAtTheTopAndEveryPrecisionBelow() throws Exception {
        JsonNode json = new ObjectMapper().readTree(BenchFormat.json(List.of(report("fp32", 190), report("bf16", 380))));
        assertThat(json.get("modelTilesPerSec").asDouble()).isEqualTo(200.0);
        assertThat(json.get("pipelineTilesPerSec").asDouble()).isEqualTo(190.0);
        assertThat(json.get("ratio").asDouble()).isEqualTo(0.95);
        assertThat(json.get("batchingSpeedup").asDouble()).isEqualTo(4.75);
        assertThat(json.get("latencyMs").get("p50").asDouble()).isEqualTo(410);
        assertThat(json.get("latencyMs").get("p95").asDouble()).isEqualTo(620);
        assertThat(json.get("latencyMs").get("p99").asDouble()).isEqualTo(700);
        assertThat(json.get("batchSizes").get("32").asLong()).isEqualTo(100);
        assertThat(json.get("byPrecision").get("bf16").get("pipelineTilesPerSec").asDouble()).isEqualTo(380.0);
    }

    @Test
    void aFailedPrecisionIsReportedWithItsReasonBesideTheOthers() throws Exception {
        BenchReport failed = BenchReport.failed("bf16", null, "bf16 fails the precision self-check: 3 non-finite"
                + " outputs at batch 45", "bf16 fails the precision self-check: 3 non-finite outputs at batch 45",
                "models/shipped/pitting-resnet34", 64, 10, 2);
        JsonNode json = new ObjectMapper().readTree(BenchFormat.json(List.of(report("fp32", 190), failed)));
        assertThat(json.get("byPrecision").get("fp32").get("failure")).as("no failure, no field").isNull();
        assertThat(json.get("byPrecision").get("fp32").get("servedPrecision").asText()).isEqualTo("fp32");
        assertThat(json.get("byPrecision").get("fp32").get("precisionReason").asText()).isEqualTo("fp32 (as requested)");
        assertThat(json.get("byPrecision").get("bf16").get("failure").asText()).contains("3 non-finite outputs at batch 45");

        StringWriter out = new StringWriter();
        BenchFormat.text(List.of(failed), new PrintWriter(out));
        assertThat(out.toString()).contains("FAILED: bf16 fails the precision self-check").doesNotContain("model alone");
    }

    @Test
    void textNamesEveryFigure() {
        StringWriter out = new StringWriter();
        BenchFormat.text(List.of(report("fp32", 190)), new PrintWriter(out));
        assertThat(out.toString()).contains("model alone", "pipeline", "ratio", "0.95", "tile by tile", "batch sizes",
                "p50 410 ms", "p95 620 ms", "p99 700 ms");
    }
}

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
                "256px/32 overlap -> 128px", 32, 10, 2, 200.0, 40.0, 200.0, 160.0,
                pipeline, pipeline / 50, pipeline / 200.0, pipeline / 40.0, 50.0, 40,
                new BenchReport.Latency(410, 620, 700, 750, 30, 2.0, 0.7), Map.of(32, 100L, 18, 5L), 31.3, 0, 0,
                new BenchReport.Machine("AMD EPYC", 2, false, true),
                new StageCost(8, 45, new StageCost.Stage(30, 31, 29, 35, 36), new StageCost.Stage(12, 12.5, 12, 14, 14),
                        new StageCost.Stage(850, 1650, 840, 990, 1000)),
                List.of(new BenchReport.Goodput(2, 2.3, 1.0, 0.87, 30, 27, 3, 0, 70, 70, 410),
                        new BenchReport.Goodput(7, 8.0, 0.95, 0.83, 240, 26, 214, 0, 320, 320, 420)));
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
        assertThat(json.get("machine").get("cpu").asText()).isEqualTo("AMD EPYC");
        assertThat(json.get("machine").get("avx512Bf16").asBoolean()).isTrue();
        assertThat(json.get("machine").get("amxBf16").asBoolean()).isFalse();
        assertThat(json.get("stageCost").get("decode").get("cpuMs").asDouble()).isEqualTo(31);
        assertThat(json.get("stageCost").get("infer").get("wallMs").asDouble()).isEqualTo(850);
        assertThat(json.get("stageCost").get("infer").get("wallP99Ms").asDouble()).isEqualTo(990);
        assertThat(json.get("modelDrift").asDouble()).as("200 before, 160 after").isEqualTo(0.2);
        assertThat(json.get("latencyGoalMs").asDouble()).as("1.5 x (30 + 12 + 850 ms of service + 10 ms wait)")
                .isEqualTo(1353.0);
        assertThat(json.get("goodput").get(1).get("load").asDouble()).isEqualTo(7);
        assertThat(json.get("goodput").get(1).get("decidedPerSec").asDouble()).isEqualTo(0.95);
        assertThat(json.get("goodput").get(1).get("ofCapacity").asDouble()).isEqualTo(0.83);
        assertThat(json.get("servedPrecision").asText()).isEqualTo("fp32");
    }

    @Test
    void aFailedPrecisionIsReportedWithItsReasonBesideTheOthers() throws Exception {
        BenchReport failed = BenchReport.failed("bf16", null, "bf16 fails the precision self-check: 3 non-finite"
                + " outputs at batch 45", "bf16 fails the precision self-check: 3 non-finite outputs at batch 45",
                "models/shipped/pitting-resnet34", 64, 10, 2, new BenchReport.Machine("AMD EPYC", 2, false, true));
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
                "p50 410 ms", "p95 620 ms", "p99 700 ms", "AMD EPYC, 2 cores; AMX-BF16 no, AVX512-BF16 yes",
                "decode 31.0 ms CPU", "tile 12.5 ms CPU", "infer 1650 ms CPU", "goodput at 2x", "goodput at 7x",
                "0.95 frames/s decided = 83% of capacity",
                "before / after (b)        200.0 / 160.0 tiles/s (the machine's speed moved 20% during the run)",
                "model call alone, one frame at a time: wall p50 840 ms, p99 990 ms, max 1000 ms",
                "latency goal: p99 <= 1.5 x (service 892 ms + batch wait 10 ms) = 1353 ms: met (p99 700 ms)");
    }
}

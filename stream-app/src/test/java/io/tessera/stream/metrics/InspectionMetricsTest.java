package io.tessera.stream.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tessera.protocol.Decision;
import org.junit.jupiter.api.Test;

class InspectionMetricsTest {

    @Test
    void lineTagsFromFrameHeadersAreBoundedSoForgedLinesCannotFloodPrometheus() {
        // Regression: one counter per tessera.line header value, without bound.
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        InspectionMetrics metrics = new InspectionMetrics(registry);

        metrics.verdict(Decision.OK, "line-1", null);
        for (int i = 0; i < 1000; i++) {
            metrics.verdict(Decision.OK, "forged-" + i, null);
        }
        metrics.verdict(Decision.OK, "line-1", null);

        var counters = registry.find(InspectionMetrics.PREFIX + "verdicts").counters();
        assertThat(counters).hasSize(InspectionMetrics.MAX_LINE_TAGS + 1); // the kept lines plus "other"
        assertThat(registry.counter(InspectionMetrics.PREFIX + "verdicts", "decision", "OK", "line", "line-1").count())
                .isEqualTo(2.0);
        assertThat(registry.counter(InspectionMetrics.PREFIX + "verdicts", "decision", "OK", "line", "other").count())
                .isEqualTo(1000 - (InspectionMetrics.MAX_LINE_TAGS - 1));
        registry.close();
    }

    @Test
    void decidedFramesScoresAreServedPerCameraAndDecisionInBucketsAQueryCanTakeAQuantileOf() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        InspectionMetrics metrics = new InspectionMetrics(registry);

        metrics.score("cam-1", Decision.OK, 0.12);
        metrics.score("cam-1", Decision.OK, 0.86);
        metrics.score("cam-1", Decision.DEFECT, 0.97);
        metrics.score("cam-2", Decision.OK, 0.05);
        metrics.score("cam-1", Decision.UNKNOWN, 0); // no score: not recorded
        metrics.score("cam-1", Decision.OK, Double.NaN);

        // what the dashboard's histogram_quantile reads: cumulative counts at or below each bound, in thousandths
        String scrape = registry.scrape();
        assertThat(scrape).contains("tessera_camera_score_permille_bucket{camera=\"cam-1\",decision=\"OK\",le=\"100.0\"} 0")
                .contains("tessera_camera_score_permille_bucket{camera=\"cam-1\",decision=\"OK\",le=\"200.0\"} 1")
                .contains("tessera_camera_score_permille_bucket{camera=\"cam-1\",decision=\"OK\",le=\"850.0\"} 1")
                .contains("tessera_camera_score_permille_bucket{camera=\"cam-1\",decision=\"OK\",le=\"900.0\"} 2")
                .contains("tessera_camera_score_permille_count{camera=\"cam-1\",decision=\"DEFECT\"} 1")
                .contains("tessera_camera_score_permille_count{camera=\"cam-2\",decision=\"OK\"} 1")
                .doesNotContain("decision=\"UNKNOWN\"");
        registry.close();
    }
}

package io.tessera.stream.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
}

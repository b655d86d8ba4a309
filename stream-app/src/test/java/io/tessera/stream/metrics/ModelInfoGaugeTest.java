package io.tessera.stream.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tessera.model.ServingPrecision;
import org.junit.jupiter.api.Test;

class ModelInfoGaugeTest {
    @Test
    void prometheusShowsTheModelThePrecisionAndTheReason() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new InspectionMetrics(registry).modelInfo("pitting-resnet34", "v1",
                new ServingPrecision("fp32", "fp32 (auto): bf16 rejected: 3 non-finite outputs at batch 45"));

        assertThat(registry.scrape()).contains("tessera_model_info{model=\"pitting-resnet34\",precision=\"fp32\","
                + "reason=\"fp32 (auto): bf16 rejected: 3 non-finite outputs at batch 45\",version=\"v1\"} 1");
    }
}

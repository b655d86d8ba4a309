package io.tessera.gate.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tessera.gate.core.GateResult;
import io.tessera.gate.core.RecordPosition;
import io.tessera.protocol.Decision;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class GateMetricsTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theEventsBecomeTesseraGateMetersOnTheEndpoint() throws Exception {
        PrometheusMeterRegistry registry = GateMetricsEndpoint.newRegistry();
        GateMeters meters = new GateMeters(registry, "line-1");
        GateResult r = new GateResult(new RecordPosition(new TopicPartition("verdicts", 0), 0), "line-1", "cam-1", 1, Decision.DEFECT,
                null, 0.9, Instant.EPOCH, Instant.EPOCH.plusSeconds(3));
        meters.written(r, 1, Duration.ofMillis(40));
        meters.withheld(r);
        meters.late(r, Duration.ofMillis(5));
        meters.acknowledged(r, Duration.ofMillis(12));
        meters.unacknowledged(r);
        meters.badAcknowledge(9, "no");
        meters.malformed(r.position(), "bad json");
        AtomicBoolean healthy = new AtomicBoolean(true);
        try (GateMetricsEndpoint endpoint = GateMetricsEndpoint.start("127.0.0.1", 0, registry, healthy::get)) {
            HttpResponse<String> metrics = get(endpoint, "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains(
                    "tessera_gate_results_written_total{app=\"gate\",decision=\"DEFECT\",line=\"line-1\"} 1.0",
                    "tessera_gate_results_written_total{app=\"gate\",decision=\"OK\",line=\"line-1\"} 0.0",
                    "tessera_gate_results_withheld_total{app=\"gate\",decision=\"DEFECT\",line=\"line-1\"} 1.0",
                    "tessera_gate_results_late_total{app=\"gate\",line=\"line-1\"} 1.0",
                    "tessera_gate_results_acknowledged_total{app=\"gate\",line=\"line-1\"} 1.0",
                    "tessera_gate_results_unacknowledged_total{app=\"gate\",line=\"line-1\"} 1.0",
                    "tessera_gate_acknowledgements_refused_total{app=\"gate\",line=\"line-1\"} 1.0",
                    "tessera_gate_records_malformed_total{app=\"gate\",line=\"line-1\"} 1.0",
                    "tessera_gate_capture_to_write_seconds_count{app=\"gate\",line=\"line-1\"} 1",
                    "tessera_gate_write_to_ack_seconds_bucket{app=\"gate\",line=\"line-1\",le=",
                    "jvm_memory_used_bytes");
            assertThat(get(endpoint, "/healthz").statusCode()).isEqualTo(200);
            healthy.set(false);
            assertThat(get(endpoint, "/healthz").statusCode()).isEqualTo(503);
            assertThat(get(endpoint, "/other").statusCode()).isEqualTo(404);
        }
    }

    private HttpResponse<String> get(GateMetricsEndpoint endpoint, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

package io.tessera.ingest.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tessera.ingest.publish.IngestStats;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MetricsEndpointTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesTheIngestMetersInPrometheusTextFormat() throws Exception {
        PrometheusMeterRegistry registry = MetricsEndpoint.newRegistry("camera-ingest");
        IngestMeters meters = IngestMeters.bind(new IngestStats(), registry);
        meters.accepted();
        meters.accepted();
        meters.acked(600_000, 12_000_000);
        meters.late(Duration.ofMillis(40));
        meters.failed();

        try (MetricsEndpoint endpoint = MetricsEndpoint.start("127.0.0.1", 0, registry)) {
            HttpResponse<String> response = get(endpoint, "/metrics");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain; version=0.0.4");
            assertThat(response.body()).contains(
                    "tessera_ingest_frames_accepted_total{app=\"camera-ingest\"} 2.0",
                    "tessera_ingest_frames_sent_total{app=\"camera-ingest\"} 1.0",
                    "tessera_ingest_sent_bytes_total{app=\"camera-ingest\"} 600000.0",
                    "tessera_ingest_frames_late_total{app=\"camera-ingest\"} 1.0",
                    "tessera_ingest_frames_failed_total{app=\"camera-ingest\"} 1.0",
                    "tessera_ingest_send_latency_seconds_count{app=\"camera-ingest\"} 1",
                    "tessera_ingest_send_latency_seconds_bucket{app=\"camera-ingest\",le=",
                    "jvm_memory_used_bytes");
            assertThat(get(endpoint, "/healthz").statusCode()).isEqualTo(200);
            assertThat(get(endpoint, "/other").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void metricsAreOffUnlessAPortIsGiven() {
        MetricsOptions off = new MetricsOptions();
        new CommandLine(off).parseArgs();
        assertThat(off.start(new IngestStats())).isEmpty();

        MetricsOptions on = new MetricsOptions();
        new CommandLine(on).parseArgs("--metrics-port", "0", "--metrics-address", "127.0.0.1");
        assertThat(on.port).isZero();
        assertThat(on.address).isEqualTo("127.0.0.1");
    }

    private HttpResponse<String> get(MetricsEndpoint endpoint, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

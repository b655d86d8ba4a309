package io.tessera.stream.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tessera.ingest.metrics.IngestMeters;
import io.tessera.ingest.metrics.MetricsEndpoint;
import io.tessera.ingest.publish.IngestStats;
import io.tessera.protocol.Decision;
import io.tessera.protocol.StageLatency;
import io.tessera.stream.metrics.CommittedVerdicts;
import io.tessera.stream.metrics.InspectionMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.tessera.protocol.CameraThreshold;
import io.tessera.protocol.ModelRef;
import io.tessera.protocol.ThresholdSource;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Grafana dashboard and the apps' metrics cannot drift apart: every metric the dashboard
 * queries must be in the {@code /metrics} output of the apps, produced here by the apps' own
 * meter classes (the inspection app's meters and Kafka Streams binding, camera-ingest's meters
 * and endpoint) after each has seen some traffic.
 */
class GrafanaDashboardTest {
    private static final Pattern METRIC = Pattern.compile("\\b((?:tessera|kafka|jvm)_[a-zA-Z0-9_]+)");
    private static final Path DASHBOARDS = Path.of(System.getProperty("tessera.root", ".."), "dashboards");

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void everyMetricTheDashboardQueriesIsServedByAnApp(@TempDir Path stateDir) throws Exception {
        Set<String> served = new TreeSet<>();
        served.addAll(families(streamAppMetrics(stateDir)));
        served.addAll(families(cameraIngestMetrics()));

        List<String> queried = new ArrayList<>();
        for (JsonNode panel : panels()) {
            for (JsonNode target : panel.path("targets")) {
                Matcher m = METRIC.matcher(target.get("expr").asText());
                while (m.find()) {
                    queried.add(m.group(1));
                }
            }
        }

        assertThat(queried).as("metrics the dashboard queries").hasSizeGreaterThan(20);
        assertThat(served).as("metric families the apps serve").containsAll(queried);
    }

    @Test
    void panelsUseTheProvisionedDatasource() throws Exception {
        JsonNode datasources = new YAMLMapper().readTree(DASHBOARDS.resolve("grafana/provisioning/datasources/prometheus.yml").toFile());
        String uid = datasources.get("datasources").get(0).get("uid").asText();
        JsonNode provider = new YAMLMapper().readTree(DASHBOARDS.resolve("grafana/provisioning/dashboards/tessera.yml").toFile());
        assertThat(provider.get("providers").get(0).get("options").get("path").asText()).isEqualTo("/var/lib/grafana/dashboards");

        for (JsonNode panel : panels()) {
            if (!panel.get("type").asText().equals("row")) {
                assertThat(panel.get("datasource").get("uid").asText()).as(panel.get("title").asText()).isEqualTo(uid);
                assertThat(panel.get("targets")).as(panel.get("title").asText()).isNotEmpty();
            }
        }
    }

    private List<JsonNode> panels() throws Exception {
        JsonNode dashboard = json.readTree(Files.readString(DASHBOARDS.resolve("grafana/dashboards/tessera.json")));
        List<JsonNode> out = new ArrayList<>();
        dashboard.get("panels").forEach(out::add);
        return out;
    }

    /** The inspection app's registry as InspectionService fills it: its meters plus Kafka Streams' own. */
    static String streamAppMetrics(Path stateDir) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        InspectionMetrics metrics = new InspectionMetrics(registry);
        metrics.frameIn();
        metrics.verdict(Decision.OK, "line-1", null);
        metrics.verdict(Decision.DEFECT, "line-1", null);
        metrics.verdict(Decision.UNKNOWN, "line-2", "late");
        metrics.score("cam-1", Decision.OK, 0.2);
        new CommittedVerdicts(registry).record(DashboardFixtures.ok("cam-1", "line-1", 1, Instant.EPOCH, 100));
        metrics.deadLetter("corrupt-image");
        metrics.latency(new StageLatency(3, 20, 4, 6, 180, 215));
        metrics.batch(32, 2, 400_000_000L);
        metrics.watchQueue(() -> 3);
        metrics.applied("cam-1", 0.7, ThresholdSource.TEACH_IN);
        ModelRef serving = new ModelRef("pitting-resnet34", "2");
        metrics.stale("cam-2", new CameraThreshold("cam-2", new ModelRef("pitting-resnet34", "1"), 0.7, 0.005, 20, 0.4,
                "rec", Instant.EPOCH), serving);

        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("frames").to("verdicts");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "tessera-inspect");
        // Never started: the client's metrics exist from construction, no broker is needed.
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        try (KafkaStreams streams = new KafkaStreams(builder.build(), props);
             KafkaStreamsMetrics binder = new KafkaStreamsMetrics(streams)) {
            binder.bindTo(registry);
            return registry.scrape();
        }
    }

    /** camera-ingest's real endpoint after a few frames. */
    static String cameraIngestMetrics() throws Exception {
        PrometheusMeterRegistry registry = MetricsEndpoint.newRegistry("camera-ingest");
        IngestMeters meters = IngestMeters.bind(new IngestStats(), registry);
        meters.accepted();
        meters.acked(600_000, 9_000_000);
        meters.late(Duration.ofMillis(5));
        meters.failed();
        try (MetricsEndpoint endpoint = MetricsEndpoint.start("127.0.0.1", 0, registry)) {
            return HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }
    }

    /** Metric names of the Prometheus text format: the first token of every sample line. */
    static Set<String> families(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }
}

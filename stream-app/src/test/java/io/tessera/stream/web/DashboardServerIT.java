package io.tessera.stream.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tessera.testing.kafka.KafkaBrokerExtension;
import io.tessera.kafka.local.KafkaCluster;
import io.tessera.protocol.DefectTile;
import io.tessera.protocol.Json;
import io.tessera.protocol.JsonSerde;
import io.tessera.protocol.Verdict;
import io.tessera.testing.Eventually;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The dashboard against a real broker: verdicts published transactionally reach an SSE client,
 * a DEFECT verdict's frame becomes a thumbnail, the lag follows the inspection group's committed
 * offsets, and the HTTP endpoints answer as documented.
 */
@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class DashboardServerIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String VERDICTS = "dash-it-verdicts";
    private static final String FRAMES = "dash-it-frames";
    private static final String GROUP = "dash-it-inspect";

    private final ObjectMapper mapper = Json.newMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void streamsVerdictsFiguresThumbnailsAndMetrics(KafkaCluster kafka) throws Exception {
        kafka.createTopics(2, VERDICTS, FRAMES);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Counter hostMeter = Counter.builder("tessera.frames.in").description("from the hosting app").register(registry);
        hostMeter.increment(4);
        DashboardConfig config = DashboardConfig.defaults(kafka.bootstrapServers()).withPort(0)
                .withTopics(VERDICTS, FRAMES).withInspectionGroupId(GROUP);

        try (DashboardServer server = DashboardServer.start(config, registry, Clock.systemUTC())) {
            URI base = server.url();
            assertThat(base.getHost()).isEqualTo("127.0.0.1");
            Eventually.until("the verdict feed at the end of " + VERDICTS, WAIT, server::live, live -> live);

            try (SseClient sse = new SseClient(base.resolve("/events"))) {
                assertThat(sse.status()).isEqualTo(200);
                assertThat(sse.contentType()).startsWith("text/event-stream");
                JsonNode snapshot = mapper.readTree(sse.next("snapshot", WAIT).data());
                assertThat(snapshot.get("live").asBoolean()).isTrue();
                assertThat(snapshot.get("verdicts")).isEmpty();

                Instant capture = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                DefectTile tile = new DefectTile(1024, 448, 224, 224, 0.93);
                try (KafkaProducer<String, byte[]> frames = frameProducer(kafka)) {
                    frames.send(DashboardFixtures.frameRecord(FRAMES, "cam-a", "line-1", 7, capture, DashboardFixtures.jpegFrame(tile))).get();
                }
                commitInspectionOffset(kafka, "cam-a", 0);
                List<Verdict> published = List.of(
                        DashboardFixtures.ok("cam-a", "line-1", 6, capture.minusMillis(100), 180),
                        DashboardFixtures.defect("cam-a", "line-1", 7, capture, 240, tile),
                        DashboardFixtures.ok("cam-b", "line-2", 1, capture, 150));
                publishInOneTransaction(kafka, published);
                publishGarbage(kafka);

                List<SseClient.Event> verdicts = sse.next("verdict", 3, WAIT);
                assertThat(verdicts).extracting(e -> mapper.readValue(e.data(), Verdict.class))
                        .containsExactlyInAnyOrderElementsOf(published);

                JsonNode thumbnail = mapper.readTree(sse.next("thumbnail", WAIT).data());
                assertThat(thumbnail.get("cameraId").asText()).isEqualTo("cam-a");
                assertThat(thumbnail.get("sequence").asLong()).isEqualTo(7);
                assertThat(thumbnail.get("frameWidth").asInt()).isEqualTo(2048);
                assertThat(thumbnail.get("width").asInt()).isEqualTo(320);
                assertThat(thumbnail.get("tiles").get(0).get("x").asInt()).isEqualTo(1024);

                HttpResponse<byte[]> jpeg = get(base.resolve("/api/thumbnails/" + thumbnail.get("id").asText() + ".jpg"));
                assertThat(jpeg.statusCode()).isEqualTo(200);
                assertThat(jpeg.headers().firstValue("Content-Type")).hasValue("image/jpeg");
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg.body()));
                assertThat(image.getWidth()).isEqualTo(320);
                assertThat(image.getHeight()).isEqualTo(169);

                JsonNode stats = mapper.readTree(sse.next("stats", WAIT).data());
                assertThat(stats.get("lines")).extracting(n -> n.get("lineId").asText()).containsExactly("line-1", "line-2");
                JsonNode camA = stats.get("cameras").get(0);
                assertThat(camA.get("cameraId").asText()).isEqualTo("cam-a");
                assertThat(camA.get("verdicts").asLong()).isEqualTo(2);
                assertThat(camA.get("defects").asLong()).isEqualTo(1);
                assertThat(camA.get("defectRate").asDouble()).isEqualTo(0.5);
                assertThat(camA.get("latencyP95Ms").asDouble()).isEqualTo(240.0);
            }

            // One frame on cam-a's partition, the inspection group committed offset 0: lag 1.
            JsonNode state = Eventually.until("cam-a's lag", WAIT, () -> mapper.readTree(get(base.resolve("/api/state")).body()),
                    s -> s.get("stats").get("cameras").get(0).path("lag").asLong(-1) == 1);
            assertThat(state.get("stats").get("cameras").get(0).get("lag").asLong()).as(state.toString()).isEqualTo(1);
            assertThat(state.get("model").get("name").asText()).isEqualTo(DashboardFixtures.MODEL.name());
            assertThat(state.get("model").get("version").asText()).isEqualTo(DashboardFixtures.MODEL.version());
            assertThat(state.get("model").get("threshold").asDouble()).isEqualTo(DashboardFixtures.THRESHOLD);
            assertThat(state.get("verdicts")).hasSize(3);
            assertThat(state.get("thumbnails")).hasSize(1);

            String metrics = Eventually.until("the malformed record counted", WAIT,
                    () -> new String(get(base.resolve("/metrics")).body(), StandardCharsets.UTF_8),
                    m -> m.contains("tessera_dashboard_verdicts_malformed_total 1.0"));
            assertThat(metrics).contains("tessera_frames_in_total 4.0", "tessera_dashboard_verdicts_total 3.0",
                    "tessera_dashboard_verdicts_malformed_total 1.0", "tessera_dashboard_thumbnails_total{outcome=\"drawn\"} 1.0",
                    "tessera_dashboard_clients");
            // Committed verdicts by decision and line, each frame once.
            assertThat(metrics).contains("tessera_verdicts_committed_total{decision=\"OK\",line=\"line-1\"} 1.0",
                    "tessera_verdicts_committed_total{decision=\"DEFECT\",line=\"line-1\"} 1.0",
                    "tessera_verdicts_committed_total{decision=\"OK\",line=\"line-2\"} 1.0");

            assertThat(new String(get(base).body(), StandardCharsets.UTF_8)).contains("<title>Tessera");
            assertThat(get(base.resolve("/app.js")).statusCode()).isEqualTo(200);
            assertThat(get(base.resolve("/healthz")).statusCode()).isEqualTo(200);
            assertThat(get(base.resolve("/api/thumbnails/t999.jpg")).statusCode()).isEqualTo(404);
            assertThat(get(base.resolve("/nothing-here.txt")).statusCode()).isEqualTo(404);
            assertThat(http.send(HttpRequest.newBuilder(base.resolve("/api/state")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(405);
        }
    }

    private HttpResponse<byte[]> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static KafkaProducer<String, byte[]> frameProducer(KafkaCluster kafka) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /** As the inspection app does under exactly-once: verdicts become visible at commit. */
    private static void publishInOneTransaction(KafkaCluster kafka, List<Verdict> verdicts) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "dash-it-" + System.nanoTime());
        try (KafkaProducer<String, Verdict> producer = new KafkaProducer<>(p, new StringSerializer(),
                new JsonSerde<>(Verdict.class).serializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            verdicts.forEach(v -> producer.send(new ProducerRecord<>(VERDICTS, v.cameraId(), v)));
            producer.commitTransaction();
        }
    }

    private static void publishGarbage(KafkaCluster kafka) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(VERDICTS, "cam-x", "{not json".getBytes(StandardCharsets.UTF_8))).get();
        }
    }

    /** Commits an offset for the inspection group on the partition that holds a camera's frames. */
    private static void commitInspectionOffset(KafkaCluster kafka, String camera, long offset) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(FRAMES, KeyPartitioner.partition(camera, 2));
            consumer.assign(List.of(tp));
            consumer.commitSync(Map.of(tp, new OffsetAndMetadata(offset)));
        }
    }
}

package io.tessera.stream.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tessera.testing.kafka.KafkaBrokerExtension;
import io.tessera.kafka.local.KafkaCluster;
import io.tessera.protocol.DefectTile;
import io.tessera.protocol.JsonSerde;
import io.tessera.protocol.Verdict;
import io.tessera.testing.Eventually;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The dashboard page in a real headless Chromium: verdicts published to a real broker appear in
 * the live feed, the per-line table fills, a defect thumbnail is drawn with its tile outlined
 * in red, and a screenshot is saved as {@code target/dashboard-screenshot.png}.
 */
@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class DashboardBrowserIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String VERDICTS = "dash-browser-verdicts";
    private static final String FRAMES = "dash-browser-frames";

    @Test
    void showsLiveVerdictsAndDrawsDefectThumbnails(KafkaCluster kafka) throws Exception {
        WebDriverSession.requireBrowser();
        kafka.createTopics(2, VERDICTS, FRAMES);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        DashboardConfig config = DashboardConfig.defaults(kafka.bootstrapServers()).withPort(0)
                .withTopics(VERDICTS, FRAMES).withInspectionGroupId("dash-browser-inspect");

        try (DashboardServer server = DashboardServer.start(config, registry, Clock.systemUTC());
             WebDriverSession browser = new WebDriverSession(1440, 1200)) {
            Eventually.until("the verdict feed at the end of " + VERDICTS, WAIT, server::live, live -> live);
            browser.open(server.url());
            Eventually.until("the page connected", WAIT, () -> browser.script("return window.tessera && window.tessera.connected;"),
                    JsonNode::asBoolean);

            int published = publishShift(kafka);

            JsonNode counts = Eventually.until("verdicts and thumbnails on the page", WAIT, () -> browser.script(
                    "return {verdicts: document.querySelectorAll('#verdicts tbody tr').length,"
                            + " drawn: document.querySelectorAll('#thumbnails canvas[data-drawn=\"true\"]').length,"
                            + " lines: document.querySelectorAll('#lines tbody tr.line').length};"),
                    c -> c.get("verdicts").asInt() >= published && c.get("drawn").asInt() >= 3 && c.get("lines").asInt() >= 2);
            assertThat(counts.get("verdicts").asInt()).isEqualTo(published);

            JsonNode page = browser.script("return {model: document.getElementById('model-name').textContent,"
                    + " threshold: document.getElementById('model-threshold').textContent,"
                    + " defects: document.querySelectorAll('#verdicts tr.DEFECT').length,"
                    + " lines: Array.from(document.querySelectorAll('#lines tr.line td:first-child')).map(td => td.textContent)};");
            assertThat(page.get("model").asText()).isEqualTo(DashboardFixtures.MODEL.name());
            assertThat(page.get("threshold").asText()).isEqualTo("0.620");
            assertThat(page.get("defects").asInt()).isEqualTo(3);
            assertThat(page.get("lines")).extracting(JsonNode::asText).containsExactly("Line line-1", "Line line-2");

            // The thumbnail is really drawn: the grey surface and the red outline of the defect tile are on the canvas.
            JsonNode pixels = browser.script(
                    "var c = document.querySelector('#thumbnails canvas[data-drawn=\"true\"]');"
                            + "var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                            + "var red = 0, grey = 0;"
                            + "for (var i = 0; i < d.length; i += 4) {"
                            + "  if (d[i] > 200 && d[i + 1] < 80 && d[i + 2] < 80) red++;"
                            + "  if (Math.abs(d[i] - d[i + 1]) < 12 && d[i] > 90 && d[i] < 200) grey++; }"
                            + "return {red: red, grey: grey, size: c.width * c.height};");
            assertThat(pixels.get("red").asInt()).as("red outline pixels").isGreaterThan(60);
            assertThat(pixels.get("grey").asInt()).as("surface pixels").isGreaterThan(pixels.get("size").asInt() / 2);

            // No gate runs in this process: no gate panel. A gate's meters appear: its panel follows.
            assertThat(browser.script("return document.getElementById('gates-panel').hidden;").asBoolean()).isTrue();
            GatePanelsTest.GateMetersOnRegistry.register(registry, "line-1", 12, 0, 3, 1, 1, Instant.now().getEpochSecond(),
                    List.of("result_late"));
            JsonNode gate = Eventually.until("the gate panel", WAIT, () -> browser.script(
                    "var r = document.querySelector('#gates tbody tr[data-line=\"line-1\"]');"
                            + "return {shown: !document.getElementById('gates-panel').hidden,"
                            + " cells: r ? Array.from(r.cells).map(td => td.textContent) : []};"),
                    // the meters are registered one by one: a snapshot taken in between shows a row
                    // without its status bits yet, and the panel converges on the next one
                    g -> g.get("shown").asBoolean() && g.get("cells").size() > 7
                            && "result_late".equals(g.get("cells").get(7).asText()));
            assertThat(gate.get("cells")).extracting(JsonNode::asText).startsWith("line-1", "12", "4", "4", "1", "1");
            assertThat(gate.get("cells").get(7).asText()).isEqualTo("result_late");

            // Let one more figures event arrive so the screenshot shows the table filled in.
            Eventually.until("figures for both lines", WAIT, () -> browser.script(
                    "return document.querySelectorAll('#lines tbody tr.camera').length;"), n -> n.asInt() >= 3);
            Path shot = Path.of(System.getProperty("basedir", "."), "target", "dashboard-screenshot.png");
            browser.screenshot(shot);
            assertThat(Files.size(shot)).isGreaterThan(10_000);

            // On a narrow screen the thumbnails scroll inside their panel; the page never gets wider than the window.
            browser.resize(800, 1000);
            JsonNode widths = Eventually.until("the page laid out at 800 px", WAIT, () -> browser.script(
                    "return {page: document.documentElement.scrollWidth, window: window.innerWidth};"),
                    w -> w.get("window").asInt() < 900);
            assertThat(widths.get("page").asInt()).as("page width").isLessThanOrEqualTo(widths.get("window").asInt());

            // '?snapshot' draws the state once without a stream (for reports and chromium --screenshot).
            browser.open(server.url().resolve("/?snapshot"));
            JsonNode still = Eventually.until("the snapshot drawn", WAIT, () -> browser.script(
                    "return {verdicts: document.querySelectorAll('#verdicts tbody tr').length,"
                            + " drawn: document.querySelectorAll('#thumbnails canvas[data-drawn=\"true\"]').length,"
                            + " state: document.getElementById('connection').dataset.state};"),
                    c -> c.get("verdicts").asInt() >= published && c.get("drawn").asInt() >= 3);
            assertThat(still.get("state").asText()).isEqualTo("snapshot");
        }
    }

    /** Three cameras on two lines, a few seconds of a shift: OK frames, three defects with their frames, one late frame. */
    private static int publishShift(KafkaCluster kafka) throws Exception {
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(4);
        String[][] cameras = {{"cam-1", "line-1"}, {"cam-2", "line-1"}, {"cam-3", "line-2"}};
        List<Verdict> verdicts = new ArrayList<>();
        Properties fp = new Properties();
        fp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        fp.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
        try (KafkaProducer<String, byte[]> frames = new KafkaProducer<>(fp, new StringSerializer(), new ByteArraySerializer())) {
            for (int seq = 0; seq < 6; seq++) {
                for (int c = 0; c < cameras.length; c++) {
                    String cam = cameras[c][0];
                    String line = cameras[c][1];
                    Instant capture = start.plusMillis(seq * 500L + c * 40L);
                    double latency = 180 + 37 * ((seq * 7 + c * 3) % 9);
                    if ((seq == 1 && c == 0) || (seq == 3 && c == 2) || (seq == 4 && c == 1)) {
                        DefectTile tile = new DefectTile(224 * (2 + seq), 224 * (c % 3 + 1), 224, 224, 0.81 + seq * 0.02);
                        frames.send(DashboardFixtures.frameRecord(FRAMES, cam, line, seq, capture, DashboardFixtures.jpegFrame(tile))).get();
                        verdicts.add(DashboardFixtures.defect(cam, line, seq, capture, latency, tile));
                    } else if (seq == 5 && c == 2) {
                        verdicts.add(DashboardFixtures.late(cam, line, seq, capture));
                    } else {
                        verdicts.add(DashboardFixtures.ok(cam, line, seq, capture, latency));
                    }
                }
            }
        }
        Properties vp = new Properties();
        vp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        vp.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "dash-browser-" + System.nanoTime());
        try (KafkaProducer<String, Verdict> producer = new KafkaProducer<>(vp, new StringSerializer(),
                new JsonSerde<>(Verdict.class).serializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            verdicts.forEach(v -> producer.send(new ProducerRecord<>(VERDICTS, v.cameraId(), v)));
            producer.commitTransaction();
        }
        return verdicts.size();
    }
}

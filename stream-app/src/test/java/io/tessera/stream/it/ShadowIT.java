package io.tessera.stream.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tessera.ingest.CapturedFrame;
import io.tessera.ingest.publish.KafkaFrameSink;
import io.tessera.ingest.publish.ProducerSettings;
import io.tessera.kafka.local.KafkaCluster;
import io.tessera.model.ModelCard;
import io.tessera.protocol.Alert;
import io.tessera.protocol.ContentType;
import io.tessera.protocol.Decision;
import io.tessera.protocol.FrameMetadata;
import io.tessera.protocol.GroundTruth;
import io.tessera.protocol.ModelTopics;
import io.tessera.protocol.Topics;
import io.tessera.protocol.Verdict;
import io.tessera.stream.app.InspectionService;
import io.tessera.stream.app.TensorFlowClassifiers;
import io.tessera.stream.config.StreamAppConfig;
import io.tessera.stream.health.ShadowStatus;
import io.tessera.stream.web.DashboardConfig;
import io.tessera.stream.web.DashboardServer;
import io.tessera.testing.Eventually;
import io.tessera.testing.kafka.KafkaBrokerExtension;
import io.tessera.testing.kafka.TopicReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A shadow candidate beside the live model: at a gentle rate every frame gets a shadow verdict on
 * verdicts.shadow and alerts stay the live model's; in a burst the shadow skips frames and every
 * frame still gets its live verdict.
 */
@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class ShadowIT {
    private static final Logger LOG = LoggerFactory.getLogger(ShadowIT.class);
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    @Test
    void aShadowModelScoresTheSameFramesOnItsOwnTopicAndSkipsUnderOverload(KafkaCluster kafka, @TempDir Path tmp) throws Exception {
        Path shipped = InspectionEndToEndIT.modelDir();
        String shadowVersion = ModelCard.read(shipped).version() + "-shadow";
        Path candidate = ModelFolders.copyAs(shipped, tmp.resolve("shadow"), shadowVersion);
        String run = "shadow-it";
        // the candidate at a lower threshold, so that some decisions differ; a budget well above one frame's
        // model time, which for the largest sample frame (60 tiles) passed 3 s on a loaded 2-core host
        StreamAppConfig config = InspectionEndToEndIT.config(kafka, run, Map.of("inspection.budget-ms", "6000",
                "model.shadow.path", candidate.toString(), "model.shadow.threshold", "0.3"));
        Topics topics = config.topics();
        InspectionEndToEndIT.createTopics(kafka, topics, 1);
        ModelTopics modelTopics = ModelTopics.withPrefix(config.topicPrefix());
        kafka.createTopics(1, modelTopics.shadowVerdicts().name());
        List<byte[]> images = new ArrayList<>();
        for (Path p : SampleRecording.sampleImages()) {
            images.add(Files.readAllBytes(p));
        }
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Clock clock = Clock.systemUTC();
        int gentle = 16;
        int burst = 24;
        try (InspectionService service = InspectionService.start(config, TensorFlowClassifiers::load, registry, clock);
             KafkaFrameSink sink = KafkaFrameSink.create(topics.frames(), ProducerSettings.defaults(kafka.bootstrapServers()),
                     "shadow-it-camera");
             DashboardServer dashboard = DashboardServer.start(DashboardConfig.forInspection(config, key -> null).withPort(0),
                     new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), clock, service.status())) {
            assertThat(service.awaitRunning(Duration.ofSeconds(120))).isTrue();
            // gentle: the next frame only once the shadow has answered the last, so the shadow is never
            // busy, however slow the machine (a fixed 1 frame/s was not gentle on a loaded 2-core host)
            for (int seq = 0; seq < gentle; seq++) {
                send(sink, images, seq, clock);
                int answered = seq + 1;
                Eventually.until("the shadow verdict of gentle frame " + seq, PATIENCE,
                        () -> TopicReader.readToEnd(kafka.bootstrapServers(), modelTopics.shadowVerdicts()),
                        r -> r.size() >= answered);
            }
            List<Verdict> shadowGentle = Eventually.until("a shadow verdict for every frame sent gently", PATIENCE,
                    () -> TopicReader.readToEnd(kafka.bootstrapServers(), modelTopics.shadowVerdicts()), r -> r.size() >= gentle)
                    .stream().map(ConsumerRecord::value).toList();
            assertThat(shadowGentle).extracting(Verdict::sequence).as("the same frames, each once")
                    .containsExactlyInAnyOrderElementsOf(LongStream.range(0, gentle).boxed().toList());
            assertThat(shadowGentle).allSatisfy(v -> assertThat(v.model().version()).isEqualTo(shadowVersion));
            ShadowStatus status = service.status().shadow().orElseThrow();
            long gentleFlips = shadowGentle.stream().filter(v -> v.decision() == Decision.DEFECT).count()
                    - TopicReader.read(kafka.bootstrapServers(), topics.verdicts(), gentle, PATIENCE).stream()
                    .filter(r -> r.value().decision() == Decision.DEFECT).count();
            assertThat(status.version()).isEqualTo(shadowVersion);
            assertThat(status.scored()).isEqualTo(gentle);
            assertThat(status.disagreements()).as("the dashboard's list of frames decided otherwise").hasSize((int) gentleFlips);
            assertThat(status.agreementRate()).isEqualTo((gentle - gentleFlips) / (double) gentle);
            assertThat(status.decisions()).as("per pair of decisions").containsEntry("OK->DEFECT", gentleFlips)
                    .doesNotContainKey("DEFECT->OK");
            assertThat(status.decisions().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(gentle);
            assertThat(gentleFlips).as("the lower threshold flips some frames").isPositive();
            // The dashboard shows the shadow panel and a thumbnail of each frame only the shadow calls DEFECT.
            HttpClient http = HttpClient.newHttpClient();
            JsonNode state = Eventually.until("shadow-only thumbnails on the dashboard", PATIENCE, () -> new ObjectMapper().readTree(
                    http.send(HttpRequest.newBuilder(dashboard.url().resolve("/api/state")).build(), BodyHandlers.ofString()).body()),
                    st -> count(st.get("thumbnails"), shadowVersion) >= gentleFlips);
            assertThat(state.get("shadow").get("version").asText()).isEqualTo(shadowVersion);
            assertThat(state.get("shadow").get("disagreements")).hasSize((int) gentleFlips);

            // a burst: every frame at once, more than the CPU can score twice within the budget
            for (int seq = gentle; seq < gentle + burst; seq++) {
                send(sink, images, seq, clock);
            }
            sink.flush();
            int frames = gentle + burst;
            List<Verdict> live = TopicReader.read(kafka.bootstrapServers(), topics.verdicts(), frames, PATIENCE).stream()
                    .map(ConsumerRecord::value).toList();
            assertThat(live).extracting(Verdict::sequence).as("a live verdict for every frame, the burst included")
                    .containsExactlyElementsOf(LongStream.range(0, frames).boxed().toList());
            assertThat(live).allSatisfy(v -> assertThat(v.model().version()).isNotEqualTo(shadowVersion));
            double skipped = Eventually.until("the shadow skipped frames of the burst", PATIENCE,
                    () -> registry.get("tessera.shadow.frames").tag("outcome", "skipped-busy").counter().count(), n -> n > 0);

            Thread.sleep(3000); // let the shadow finish what it took
            List<Verdict> shadow = TopicReader.readToEnd(kafka.bootstrapServers(), modelTopics.shadowVerdicts()).stream()
                    .map(ConsumerRecord::value).toList();
            assertThat(shadow.size()).as("fewer shadow verdicts than frames: skipped ones have none").isLessThan(frames);
            Set<Long> liveSeqs = live.stream().map(Verdict::sequence).collect(Collectors.toSet());
            assertThat(shadow).allSatisfy(v -> assertThat(liveSeqs).contains(v.sequence()));

            long liveActionable = live.stream().filter(v -> v.decision().requiresAction()).count();
            List<Alert> alerts = TopicReader.read(kafka.bootstrapServers(), topics.alerts(), (int) liveActionable, PATIENCE).stream()
                    .map(ConsumerRecord::value).toList();
            assertThat(alerts).as("alerts are the live model's only").hasSize((int) liveActionable)
                    .allSatisfy(a -> assertThat(a.threshold()).isEqualTo(live.get(0).threshold()));
            long flips = shadowGentle.stream().filter(s -> s.decision() != live.get((int) s.sequence()).decision()).count();
            long liveUnknown = live.stream().filter(v -> v.decision() == Decision.UNKNOWN).count();
            LOG.info("{} frames: {} shadow verdicts, {} skipped while busy, {} of the {} gentle ones decided otherwise by the shadow;"
                    + " live UNKNOWN {}", frames, shadow.size(), skipped, flips, gentle, liveUnknown);
            assertThat(live.subList(0, gentle)).as("no live UNKNOWN at a gentle rate, shadow running")
                    .noneMatch(v -> v.decision() == Decision.UNKNOWN);
            // A shadow call starts only while the live model is idle; a live batch arriving during one waits at
            // most that call: far less than a frame's budget.
            double longestChunkMs = registry.get("tessera.shadow.chunk").timer().max(TimeUnit.MILLISECONDS);
            LOG.info("longest shadow call {} ms, against a budget of {} ms", longestChunkMs, config.budget().toMillis());
            assertThat(longestChunkMs).isPositive().isLessThan(config.budget().toMillis() / 3.0);
        }
    }

    private static long count(JsonNode thumbnails, String modelVersion) {
        long n = 0;
        for (JsonNode t : thumbnails) {
            if (modelVersion.equals(t.path("modelVersion").asText())) {
                n++;
            }
        }
        return n;
    }

    private static void send(KafkaFrameSink sink, List<byte[]> images, long seq, Clock clock) {
        FrameMetadata meta = FrameMetadata.of("cam-1", "line-1", seq, clock.instant(), ContentType.JPEG)
                .withGroundTruth(GroundTruth.OK, List.of());
        sink.send(CapturedFrame.of(meta, images.get((int) (seq % images.size()))), e -> { });
    }
}

package io.tessera.stream.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tessera.testing.kafka.KafkaBrokerExtension;
import io.tessera.testing.kafka.TopicReader;
import io.tessera.kafka.local.KafkaCluster;
import io.tessera.protocol.Alert;
import io.tessera.protocol.Decision;
import io.tessera.protocol.DefectTile;
import io.tessera.protocol.FrameHeaders;
import io.tessera.protocol.Topics;
import io.tessera.protocol.Verdict;
import io.tessera.stream.app.InspectionService;
import io.tessera.stream.app.ModelRequest;
import io.tessera.stream.app.TensorFlowClassifiers;
import io.tessera.stream.config.ConfigLoader;
import io.tessera.stream.config.StreamAppConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real pipeline on a real broker with the real model: a recording of the BSData sample with
 * ground truth, and the six kinds of bad frame among its frames, replayed through the topology.
 */
@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class InspectionEndToEndIT {
    private static final Logger LOG = LoggerFactory.getLogger(InspectionEndToEndIT.class);
    private static final Duration PATIENCE = Duration.ofMinutes(5);

    static Path modelDir() {
        String override = System.getProperty("tessera.it.model");
        Path dir = override != null ? Path.of(override)
                : Path.of(System.getProperty("tessera.root", "..")).resolve("models/shipped/pitting-resnet34");
        if (!Files.isRegularFile(dir.resolve("saved_model.pb"))) {
            throw new IllegalStateException("no model at " + dir + " (the shipped model; -Dtessera.it.model=<dir> for another)");
        }
        return dir;
    }

    static StreamAppConfig config(KafkaCluster kafka, String run, Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>();
        settings.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        settings.put("kafka.application.id", run);
        settings.put("topics.prefix", run + ".");
        settings.put("model.path", modelDir().toString());
        settings.put("model.precision", "fp32");
        // recorded capture times are in the past: no budget, or every frame would be late
        settings.put("inspection.budget-ms", "0");
        settings.put("kafka.consumer.session.timeout.ms", "6000");
        settings.putAll(extra);
        return ConfigLoader.withOverrides(settings);
    }

    static void createTopics(KafkaCluster kafka, Topics topics, int framePartitions) {
        kafka.createTopics(framePartitions, topics.frames().name());
        kafka.createTopics(1, topics.verdicts().name(), topics.alerts().name(), topics.deadLetters().name());
    }

    @Test
    void aRecordingReplaysIntoTheGoldenVerdictsAndEveryBadFrameIntoTheDlqWithItsReason(KafkaCluster kafka,
            @TempDir Path tmp) throws Exception {
        SampleRecording recording = SampleRecording.write(tmp.resolve("recording"));
        String run = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        StreamAppConfig config = config(kafka, run, Map.of());
        Topics topics = config.topics();
        createTopics(kafka, topics, 1);
        KafkaIO.replay(kafka.bootstrapServers(), topics.frames(), recording.dir);

        List<ConsumerRecord<String, Verdict>> verdicts;
        List<ConsumerRecord<String, byte[]>> dead;
        try (InspectionService service = InspectionService.start(config,
                TensorFlowClassifiers.load(ModelRequest.of(config)), new SimpleMeterRegistry(), Clock.systemUTC())) {
            verdicts = TopicReader.read(kafka.bootstrapServers(), topics.verdicts(), recording.good.size(), PATIENCE);
            dead = TopicReader.read(kafka.bootstrapServers(), topics.deadLetters(), recording.bad.size(), PATIENCE);
        }

        // every good frame has exactly one verdict; no bad frame has one
        assertThat(verdicts).extracting(r -> r.value().sequence())
                .containsExactlyElementsOf(recording.good.stream().map(SampleRecording.Good::sequence).toList());
        assertThat(verdicts).allSatisfy(r -> {
            assertThat(r.key()).isEqualTo(SampleRecording.CAMERA);
            assertThat(r.value().model().name()).isNotBlank();
            assertThat(r.value().latency().totalMs()).isPositive();
        });

        // every bad frame is in the dead-letter topic, as it came, with its reason
        assertThat(dead).hasSize(recording.bad.size());
        Map<String, ConsumerRecord<String, byte[]>> bySeq = dead.stream().collect(Collectors.toMap(
                r -> header(r, FrameHeaders.SEQUENCE), Function.identity()));
        for (SampleRecording.Bad bad : recording.bad) {
            ConsumerRecord<String, byte[]> letter = bySeq.get(Long.toString(bad.sequence()));
            assertThat(letter).as(bad.what()).isNotNull();
            assertThat(header(letter, FrameHeaders.DLQ_REASON)).as(bad.what()).isEqualTo(bad.reason());
            assertThat(letter.value()).as(bad.what()).isEqualTo(bad.bytes());
            assertThat(header(letter, FrameHeaders.DLQ_SOURCE_TOPIC)).isEqualTo(topics.frames().name());
        }

        // alerts: one per DEFECT or UNKNOWN verdict, keyed by line
        long actionable = verdicts.stream().filter(r -> r.value().decision().requiresAction()).count();
        List<ConsumerRecord<String, Alert>> alerts = TopicReader.read(kafka.bootstrapServers(), topics.alerts(), (int) actionable,
                Duration.ofSeconds(30));
        assertThat(alerts).hasSize((int) actionable);
        assertThat(alerts).allSatisfy(a -> assertThat(a.key()).isEqualTo(SampleRecording.LINE));

        compareWithGolden(recording, verdicts.stream().map(ConsumerRecord::value).toList());
    }

    @Test
    void aModelOutputThatIsNotAProbabilityGivesUnknownModelErrorAndAnAlertNotADeadLetter(KafkaCluster kafka,
            @TempDir Path tmp) throws Exception {
        SampleRecording recording = SampleRecording.write(tmp.resolve("recording"));
        String run = "e2e-nan-" + UUID.randomUUID().toString().substring(0, 8);
        StreamAppConfig config = config(kafka, run, Map.of("kafka.num.stream.threads", "1"));
        Topics topics = config.topics();
        createTopics(kafka, topics, 1);
        KafkaIO.replay(kafka.bootstrapServers(), topics.frames(), recording.dir);

        List<ConsumerRecord<String, Verdict>> verdicts;
        List<ConsumerRecord<String, byte[]>> dead;
        try (InspectionService service = InspectionService.start(config,
                new FirstCallNaN(TensorFlowClassifiers.load(ModelRequest.of(config))), new SimpleMeterRegistry(),
                Clock.systemUTC())) {
            verdicts = TopicReader.read(kafka.bootstrapServers(), topics.verdicts(), recording.good.size(), PATIENCE);
            dead = TopicReader.read(kafka.bootstrapServers(), topics.deadLetters(), recording.bad.size(), PATIENCE);
        }

        // one stream thread, frames in order: the first model call holds the first good frame
        long first = recording.good.get(0).sequence();
        assertThat(verdicts).hasSize(recording.good.size());
        List<Verdict> modelErrors = verdicts.stream().map(ConsumerRecord::value)
                .filter(v -> "model-error".equals(v.reason())).toList();
        assertThat(modelErrors).extracting(Verdict::sequence).contains(first);
        assertThat(modelErrors).allSatisfy(v -> assertThat(v.decision()).isEqualTo(Decision.UNKNOWN));
        // only the bad frames are dead letters, each for its own reason, none for the model's fault
        assertThat(dead).hasSize(recording.bad.size());
        assertThat(dead).extracting(r -> header(r, FrameHeaders.DLQ_REASON))
                .containsExactlyInAnyOrderElementsOf(recording.bad.stream().map(SampleRecording.Bad::reason).toList());
        List<ConsumerRecord<String, Alert>> alerts = TopicReader.readToEnd(kafka.bootstrapServers(), topics.alerts());
        assertThat(alerts).anySatisfy(a -> {
            assertThat(a.value().sequence()).isEqualTo(first);
            assertThat(a.value().reason()).isEqualTo("model-error");
        });
    }

    private static void compareWithGolden(SampleRecording recording, List<Verdict> verdicts) throws Exception {
        Map<Long, String> files = recording.good.stream().collect(Collectors.toMap(SampleRecording.Good::sequence,
                SampleRecording.Good::file));
        Verdict first = verdicts.get(0);
        List<Golden.Entry> actual = verdicts.stream().map(v -> Golden.Entry.of(v, files.get(v.sequence()))).toList();
        long agree = verdicts.stream().filter(v -> v.groundTruth() != null
                && (v.decision() == Decision.DEFECT) == (v.groundTruth().name().equals("DEFECT"))).count();
        LOG.info("model {} {}: {} of {} sample frames agree with their ground truth", first.model().name(),
                first.model().version(), agree, verdicts.size());
        if (Golden.updating()) {
            new Golden(first.model().name(), first.model().version(), "fp32", 1e-3, actual).write();
            LOG.warn("golden file {} rewritten", Golden.file());
            return;
        }
        Golden golden = Golden.read();
        assertThat(first.model().name() + " " + first.model().version())
                .as("the golden file was made with another model; regenerate it with -D" + Golden.UPDATE_PROPERTY + "=true")
                .isEqualTo(golden.model() + " " + golden.version());
        assertThat(actual).hasSameSizeAs(golden.verdicts());
        double tol = golden.tolerance();
        double threshold = first.threshold();
        for (int i = 0; i < actual.size(); i++) {
            Golden.Entry want = golden.verdicts().get(i);
            Golden.Entry got = actual.get(i);
            String what = "frame " + want.sequence() + " (" + want.file() + ")";
            assertThat(got.sequence()).as(what).isEqualTo(want.sequence());
            assertThat(got.tileCount()).as(what).isEqualTo(want.tileCount());
            assertThat(got.defectScore()).as(what).isCloseTo(want.defectScore(), within(tol));
            if (Math.abs(want.defectScore() - threshold) > tol) {
                assertThat(got.decision()).as(what).isEqualTo(want.decision());
            }
            assertThat(boxes(got.defectTiles(), threshold, tol)).as(what + " defect tiles")
                    .isEqualTo(boxes(want.defectTiles(), threshold, tol));
        }
    }

    /** Defect tile boxes, leaving out those so close to the threshold that the tolerance decides. */
    private static List<String> boxes(List<DefectTile> tiles, double threshold, double tol) {
        return tiles.stream().filter(t -> Math.abs(t.score() - threshold) > tol)
                .map(t -> t.x() + "," + t.y() + "," + t.width() + "," + t.height()).sorted().toList();
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    static List<Long> sequences(List<ConsumerRecord<String, Verdict>> records) {
        List<Long> out = new ArrayList<>();
        records.forEach(r -> out.add(r.value().sequence()));
        return out;
    }
}

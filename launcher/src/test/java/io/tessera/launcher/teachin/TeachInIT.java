package io.tessera.launcher.teachin;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tessera.ingest.CapturedFrame;
import io.tessera.ingest.recording.RecordingWriter;
import io.tessera.kafka.local.KafkaCluster;
import io.tessera.model.ModelCard;
import io.tessera.protocol.CameraThreshold;
import io.tessera.protocol.ContentType;
import io.tessera.protocol.Decision;
import io.tessera.protocol.FrameMetadata;
import io.tessera.protocol.GroundTruth;
import io.tessera.protocol.ModelTopics;
import io.tessera.protocol.ThresholdSource;
import io.tessera.protocol.Topics;
import io.tessera.protocol.Verdict;
import io.tessera.stream.app.InspectionService;
import io.tessera.stream.app.ModelRequest;
import io.tessera.stream.app.TensorFlowClassifiers;
import io.tessera.stream.config.ConfigLoader;
import io.tessera.stream.config.StreamAppConfig;
import io.tessera.testing.kafka.KafkaBrokerExtension;
import io.tessera.testing.kafka.TopicReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A station taught end to end, every part real: a recording of good BSData photographs for cam-1,
 * {@code tessera model teach-in} on it with the shipped model at fp32 against a real broker, then the
 * inspect app on frames of cam-1 (decided at the taught threshold) and cam-2 (at the card's).
 */
@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class TeachInIT {
    private static final Path ROOT = Path.of(System.getProperty("tessera.root", ".."));
    private static final Path MODEL = ROOT.resolve("models/shipped/pitting-resnet34");
    private static final String RUN = "teachin-it";

    @TempDir
    Path dir;

    @Test
    void aTaughtCameraIsDecidedAtItsThresholdAndAnotherAtTheCards(KafkaCluster kafka) throws Exception {
        List<Path> ok = list(ROOT.resolve("samples/bsdata/ok"));
        List<Path> pitting = list(ROOT.resolve("samples/bsdata/pitting"));
        Path recording = dir.resolve("cam-1-setup");
        writeGoodRecording(recording, ok);

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine teachIn = new CommandLine(new TeachInCommand());
        teachIn.setOut(new PrintWriter(out, true));
        teachIn.setErr(new PrintWriter(err, true));
        int code = teachIn.execute("--recording", recording.toString(), "--camera", "cam-1", "--model", MODEL.toString(),
                "--bootstrap", kafka.bootstrapServers(), "--application-id", RUN, "--topic-prefix", RUN + ".",
                "--set", "model.precision=fp32");
        System.out.println("teach-in printed:\n" + out);
        assertThat(code).as("teach-in: %s%s", out, err).isZero();
        assertThat(out.toString()).contains("good frames  10").contains("published to " + RUN + ".thresholds as " + RUN + "/cam-1");

        List<ConsumerRecord<String, CameraThreshold>> records = TopicReader.readToEnd(kafka.bootstrapServers(),
                ModelTopics.withPrefix(RUN + ".").thresholds());
        assertThat(records).hasSize(1);
        CameraThreshold taught = records.get(0).value();
        assertThat(records.get(0).key()).isEqualTo(RUN + "/cam-1");
        assertThat(taught.goodFrames()).isEqualTo(10);
        assertThat(taught.threshold()).isGreaterThan(taught.highestGoodScore());
        assertThat(taught.recording()).isEqualTo(recording.toAbsolutePath().normalize().toString());
        double cardThreshold = ModelCard.read(MODEL).threshold();
        assertThat(taught.threshold()).as("the teach-in differs from the card").isNotEqualTo(cardThreshold);

        StreamAppConfig config = inspectConfig(kafka);
        Topics topics = config.topics();
        kafka.createTopics(1, topics.frames().name(), topics.verdicts().name(), topics.alerts().name(), topics.deadLetters().name());
        try (InspectionService inspect = InspectionService.start(config, TensorFlowClassifiers.load(ModelRequest.of(config)),
                new SimpleMeterRegistry(), Clock.systemUTC())) {
            assertThat(inspect.awaitRunning(Duration.ofSeconds(120))).as("inspect runs").isTrue();
            assertThat(taught.model().version()).isEqualTo(inspect.live().current().version());
            send(kafka, topics, List.of(
                    frame("cam-1", 0, ok.get(0), GroundTruth.OK), frame("cam-1", 1, pitting.get(0), GroundTruth.DEFECT),
                    frame("cam-2", 0, ok.get(0), GroundTruth.OK), frame("cam-2", 1, pitting.get(0), GroundTruth.DEFECT)));

            List<ConsumerRecord<String, Verdict>> verdicts = TopicReader.read(kafka.bootstrapServers(), topics.verdicts(), 4,
                    Duration.ofSeconds(180));
            assertThat(verdicts).hasSize(4);
            for (ConsumerRecord<String, Verdict> r : verdicts) {
                Verdict v = r.value();
                System.out.printf("verdict %s seq %d: %s score %.4f threshold %.4f (%s)%n", v.cameraId(), v.sequence(), v.decision(),
                        v.defectScore(), v.threshold(), v.thresholdSource());
                assertThat(v.decision()).as("%s", v).isNotEqualTo(Decision.UNKNOWN);
                if (v.cameraId().equals("cam-1")) {
                    assertThat(v.thresholdSource()).isEqualTo(ThresholdSource.TEACH_IN);
                    assertThat(v.threshold()).isEqualTo(taught.threshold());
                } else {
                    assertThat(v.thresholdSource()).isEqualTo(ThresholdSource.MODEL);
                    assertThat(v.threshold()).isEqualTo(cardThreshold);
                }
                assertThat(v.decision()).as("%s decided at %s", v.defectScore(), v.threshold())
                        .isEqualTo(v.defectScore() >= v.threshold() ? Decision.DEFECT : Decision.OK);
            }
        }
    }

    private static StreamAppConfig inspectConfig(KafkaCluster kafka) {
        Map<String, String> settings = new HashMap<>();
        settings.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        settings.put("kafka.application.id", RUN);
        settings.put("topics.prefix", RUN + ".");
        settings.put("model.path", MODEL.toString());
        settings.put("model.precision", "fp32");
        settings.put("inspection.budget-ms", "0"); // a busy test machine must not turn frames UNKNOWN late
        return ConfigLoader.withOverrides(settings);
    }

    /** Ten good frames of cam-1: the eight sample photographs, then the first two again. */
    private static void writeGoodRecording(Path recording, List<Path> ok) throws Exception {
        try (RecordingWriter writer = RecordingWriter.create(recording, "frames", "teach-in test")) {
            for (int seq = 0; seq < 10; seq++) {
                CapturedFrame f = frame("cam-1", seq, ok.get(seq % ok.size()), GroundTruth.OK);
                writer.append(List.of(new RecordingWriter.SourcedFrame(f, "frames", 0, seq)));
            }
        }
    }

    private static CapturedFrame frame(String camera, long seq, Path image, GroundTruth truth) throws Exception {
        FrameMetadata meta = FrameMetadata.of(camera, "line-1", seq, Instant.now(), ContentType.JPEG).withGroundTruth(truth, List.of());
        return CapturedFrame.of(meta, Files.readAllBytes(image));
    }

    private static void send(KafkaCluster kafka, Topics topics, List<CapturedFrame> frames) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 << 20);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, topics.frames().keySerde().serializer(),
                topics.frames().valueSerde().serializer())) {
            for (CapturedFrame f : frames) {
                producer.send(new ProducerRecord<>(topics.frames().name(), null, f.key(), f.value(), f.kafkaHeaders())).get();
            }
        }
    }

    private static List<Path> list(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }
}

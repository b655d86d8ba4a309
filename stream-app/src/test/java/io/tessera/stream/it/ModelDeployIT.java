package io.tessera.stream.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tessera.ingest.CapturedFrame;
import io.tessera.ingest.publish.KafkaFrameSink;
import io.tessera.ingest.publish.ProducerSettings;
import io.tessera.kafka.local.KafkaCluster;
import io.tessera.model.ModelCard;
import io.tessera.protocol.ContentType;
import io.tessera.protocol.Decision;
import io.tessera.protocol.DeploymentStatus;
import io.tessera.protocol.FrameMetadata;
import io.tessera.protocol.GroundTruth;
import io.tessera.protocol.ModelDeployment;
import io.tessera.protocol.ModelTopics;
import io.tessera.protocol.Topics;
import io.tessera.protocol.Verdict;
import io.tessera.stream.app.InspectionService;
import io.tessera.stream.app.TensorFlowClassifiers;
import io.tessera.stream.config.StreamAppConfig;
import io.tessera.stream.deploy.ModelDeployer;
import io.tessera.testing.Eventually;
import io.tessera.testing.kafka.KafkaBrokerExtension;
import io.tessera.testing.kafka.TopicReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Models deployed to a running app through the control topic, frames flowing at a steady rate with
 * the budget on: a candidate, a second model, a rollback to the candidate. One verdict per frame,
 * each model's version on a run of consecutive frames in deploy order, no UNKNOWN; then a deployment
 * whose folder does not match its checksum is refused, the candidate keeps serving and the refusal
 * is reported on the status topic.
 */
@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class ModelDeployIT {
    private static final Logger LOG = LoggerFactory.getLogger(ModelDeployIT.class);
    private static final Duration FRAME_EVERY = Duration.ofMillis(1000);
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    @Test
    void aModelDeployedToARunningAppServesFromTheNextFrameWithoutLosingOrDoublingOne(KafkaCluster kafka, @TempDir Path tmp)
            throws Exception {
        Path shipped = InspectionEndToEndIT.modelDir();
        String oldVersion = ModelCard.read(shipped).version();
        String newVersion = oldVersion + "-candidate";
        Path candidate = ModelFolders.copyAs(shipped, tmp.resolve("candidate"), newVersion);
        String secondVersion = oldVersion + "-second";
        Path second = ModelFolders.copyAs(shipped, tmp.resolve("second"), secondVersion);

        String run = "deploy-it";
        // A budget on, so that a frame the switch held up would end UNKNOWN; generous, because the deployer's
        // own check of each folder (a model load and its precision self-check) runs on the same CPU.
        StreamAppConfig config = InspectionEndToEndIT.config(kafka, run, Map.of("inspection.budget-ms", "6000"));
        Topics topics = config.topics();
        InspectionEndToEndIT.createTopics(kafka, topics, 1);
        List<byte[]> images = new ArrayList<>();
        for (Path p : SampleRecording.sampleImages()) {
            images.add(Files.readAllBytes(p));
        }
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Clock clock = Clock.systemUTC();
        AtomicLong sent = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        try (InspectionService service = InspectionService.start(config, TensorFlowClassifiers::load, registry, clock);
             KafkaFrameSink sink = KafkaFrameSink.create(topics.frames(), ProducerSettings.defaults(kafka.bootstrapServers()),
                     "deploy-it-camera")) {
            assertThat(service.awaitRunning(Duration.ofSeconds(120))).isTrue();
            assertThat(service.card().version()).isEqualTo(oldVersion);
            Thread camera = new Thread(() -> {
                for (long seq = 0; !stop.get(); seq++) {
                    FrameMetadata meta = FrameMetadata.of("cam-1", "line-1", seq, clock.instant(), ContentType.JPEG)
                            .withGroundTruth(GroundTruth.OK, List.of());
                    sink.send(CapturedFrame.of(meta, images.get((int) (seq % images.size()))), e -> { });
                    sent.incrementAndGet();
                    try {
                        Thread.sleep(FRAME_EVERY.toMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "deploy-it-camera");
            camera.start();
            try {
                TopicReader.read(kafka.bootstrapServers(), topics.verdicts(), 5, PATIENCE);

                ModelDeployment deployed = new ModelDeployer(config, TensorFlowClassifiers::load, clock).deploy(candidate, null);
                assertThat(deployed.previous()).as("model.path was not deployed").isNull();
                assertThat(deployed.version()).isEqualTo(newVersion);
                Eventually.until("the candidate serves", PATIENCE, () -> service.card().version(), newVersion::equals);
                TopicReader.read(kafka.bootstrapServers(), topics.verdicts(), (int) sent.get() + 2, PATIENCE);

                // another model, then a rollback to the candidate
                ModelDeployer deployer = new ModelDeployer(config, TensorFlowClassifiers::load, clock);
                deployer.deploy(second, null);
                Eventually.until("the second model serves", PATIENCE, () -> service.card().version(), secondVersion::equals);
                TopicReader.read(kafka.bootstrapServers(), topics.verdicts(), (int) sent.get() + 2, PATIENCE);
                ModelDeployment back = deployer.rollback();
                assertThat(back.version()).isEqualTo(newVersion);
                assertThat(back.previous().version()).as("a second rollback would return to").isEqualTo(secondVersion);
                Eventually.until("the candidate serves again", PATIENCE, () -> service.card().version(), newVersion::equals);
                long atSwitch = sent.get();

                // Folders that are no model are refused by the deployer; nothing is written.
                Path empty = Files.createDirectories(tmp.resolve("empty"));
                assertThatThrownBy(() -> deployer.deploy(empty, null)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("not a model folder");
                Path broken = ModelFolders.copyAs(shipped, tmp.resolve("broken"), oldVersion + "-broken");
                Files.write(broken.resolve("saved_model.pb"), new byte[] {1, 2, 3});
                assertThatThrownBy(() -> deployer.deploy(broken, null)).isInstanceOf(IllegalArgumentException.class);
                assertThat(deployer.current().orElseThrow().version()).as("still the rollback's record").isEqualTo(newVersion);

                // Another application's record is not this app's business.
                send(kafka, ModelTopics.withPrefix(config.topicPrefix()), new ModelDeployment("another-app", broken.toString(),
                        "x", "y", "sha256:1111", null, clock.instant(), null));

                // A folder that no longer matches what was deployed: refused, reported, the candidate keeps serving.
                ModelDeployment tampered = new ModelDeployment(config.applicationId(), deployed.modelPath(), deployed.name(),
                        deployed.version() + "-tampered", "sha256:0000", null, clock.instant(), deployed.withoutPrevious());
                send(kafka, ModelTopics.withPrefix(config.topicPrefix()), tampered);
                List<ConsumerRecord<String, DeploymentStatus>> statuses = Eventually.until("the refusal reported", PATIENCE,
                        () -> TopicReader.readToEnd(kafka.bootstrapServers(), ModelTopics.withPrefix(config.topicPrefix()).status()),
                        s -> s.stream().anyMatch(r -> DeploymentStatus.FAILED.equals(r.value().state())));
                DeploymentStatus refused = statuses.stream().map(ConsumerRecord::value)
                        .filter(s -> DeploymentStatus.FAILED.equals(s.state())).findFirst().orElseThrow();
                assertThat(refused.reason()).contains("checksum");
                assertThat(refused.servingVersion()).isEqualTo(newVersion);
                assertThat(statuses).extracting(r -> r.value().state()).contains(DeploymentStatus.SERVING);
                assertThat(statuses).extracting(r -> r.value().applicationId()).containsOnly(config.applicationId());
                assertThat(statuses).filteredOn(r -> DeploymentStatus.FAILED.equals(r.value().state())).hasSize(1);
                assertThat(service.card().version()).isEqualTo(newVersion);

                Eventually.until("frames after the refusal", PATIENCE, sent::get, n -> n >= atSwitch + 5);
            } finally {
                stop.set(true);
                camera.join();
                sink.flush();
            }
            int frames = (int) sent.get();
            List<Verdict> verdicts = TopicReader.read(kafka.bootstrapServers(), topics.verdicts(), frames, PATIENCE).stream()
                    .map(ConsumerRecord::value).toList();

            assertThat(verdicts).extracting(Verdict::sequence).as("one verdict per frame, in order")
                    .containsExactlyElementsOf(LongStream.range(0, frames).boxed().toList());
            assertThat(verdicts).as("no UNKNOWN, the switch included").noneMatch(v -> v.decision() == Decision.UNKNOWN);
            List<String> versions = verdicts.stream().map(v -> v.model().version()).toList();
            List<String> runs = new ArrayList<>();
            for (String v : versions) {
                if (runs.isEmpty() || !runs.get(runs.size() - 1).equals(v)) {
                    runs.add(v);
                }
            }
            assertThat(runs).as("each switch once, in frame order: deploy, deploy, rollback")
                    .containsExactly(oldVersion, newVersion, secondVersion, newVersion);
            assertThat(registry.get("tessera.model.deploys").tag("outcome", "served").counter().count()).isEqualTo(3);
            assertThat(registry.get("tessera.model.deploys").tag("outcome", "failed").counter().count()).isEqualTo(1);
            LOG.info("{} frames, versions in order {}, none UNKNOWN", frames, runs);
        }
    }

    private static void send(KafkaCluster kafka, ModelTopics topics, ModelDeployment deployment) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (KafkaProducer<String, ModelDeployment> producer = new KafkaProducer<>(p, topics.deployments().keySerde().serializer(),
                topics.deployments().valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topics.deployments().name(), deployment.applicationId(), deployment)).get();
        }
    }
}

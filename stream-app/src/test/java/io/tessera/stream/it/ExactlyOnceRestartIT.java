package io.tessera.stream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tessera.ingest.CapturedFrame;
import io.tessera.ingest.recording.RecordingWriter;
import io.tessera.kafka.local.KafkaCluster;
import io.tessera.protocol.ContentType;
import io.tessera.protocol.FrameMetadata;
import io.tessera.protocol.Topics;
import io.tessera.protocol.Verdict;
import io.tessera.stream.app.InspectionService;
import io.tessera.stream.app.ModelRequest;
import io.tessera.stream.app.TensorFlowClassifiers;
import io.tessera.stream.cli.InspectCommand;
import io.tessera.stream.config.StreamAppConfig;
import io.tessera.testing.kafka.KafkaBrokerExtension;
import io.tessera.testing.kafka.TopicReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly one verdict per frame under exactly_once_v2, across a crash: the app runs as its own
 * process ({@code inspect}), is killed with SIGKILL while frames are in flight, and a new
 * instance with the same application id finishes the job.
 */
@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class ExactlyOnceRestartIT {
    private static final Logger LOG = LoggerFactory.getLogger(ExactlyOnceRestartIT.class);
    private static final int COPIES = 4;
    private static final Duration PATIENCE = Duration.ofMinutes(5);

    @Test
    void everyFrameGetsExactlyOneVerdictAcrossAKillAndRestart(KafkaCluster kafka, @TempDir Path tmp) throws Exception {
        List<Path> images = SampleRecording.sampleImages();
        int frames = images.size() * COPIES;
        Path recording = tmp.resolve("recording");
        try (RecordingWriter writer = RecordingWriter.create(recording, "frames", "exactly-once test")) {
            for (int i = 0; i < frames; i++) {
                FrameMetadata meta = FrameMetadata.of(SampleRecording.CAMERA, SampleRecording.LINE, i,
                        SampleRecording.CAPTURE_START.plusMillis(100L * i), ContentType.JPEG);
                writer.append(List.of(new RecordingWriter.SourcedFrame(
                        CapturedFrame.of(meta, Files.readAllBytes(images.get(i % images.size()))), "frames", 0, i)));
            }
        }
        String run = "eos-" + UUID.randomUUID().toString().substring(0, 8);
        StreamAppConfig config = InspectionEndToEndIT.config(kafka, run, Map.of("kafka.num.stream.threads", "1"));
        Topics topics = config.topics();
        InspectionEndToEndIT.createTopics(kafka, topics, 1);
        KafkaIO.replay(kafka.bootstrapServers(), topics.frames(), recording);

        // First instance: its own JVM, killed without warning once some verdicts are committed and
        // others were sent in a transaction still open (its commit interval is long on purpose).
        Process first = startInspectProcess(kafka.bootstrapServers(), run, tmp.resolve("first-instance.log"));
        int committed = 0;
        int sent = 0;
        try (KafkaConsumer<String, Verdict> readCommitted = TopicReader.consumer(kafka.bootstrapServers(), topics.verdicts(), false);
                KafkaConsumer<String, Verdict> readAll = TopicReader.consumer(kafka.bootstrapServers(), topics.verdicts(), true)) {
            long end = System.nanoTime() + PATIENCE.toNanos();
            while (!(committed >= 3 && sent > committed) && System.nanoTime() < end && first.isAlive()) {
                sent += readAll.poll(Duration.ofMillis(20)).count();
                committed += readCommitted.poll(Duration.ofMillis(20)).count();
            }
        } finally {
            first.destroyForcibly();
            first.waitFor(60, TimeUnit.SECONDS);
        }
        LOG.info("first instance killed with {} verdicts committed and {} sent (exit {})", committed, sent, first.exitValue());
        assertThat(committed).as("verdicts committed before the kill (see %s)", tmp.resolve("first-instance.log"))
                .isBetween(3, frames - 1);

        // Second instance, same application id: resumes from the committed offsets.
        try (InspectionService second = InspectionService.start(config,
                TensorFlowClassifiers.load(ModelRequest.of(config)), new SimpleMeterRegistry(), Clock.systemUTC())) {
            awaitCommittedToEnd(kafka, run, topics.frames().name());
        }
        awaitNoOpenTransactions(kafka, topics.verdicts().name());

        List<ConsumerRecord<String, Verdict>> verdicts = TopicReader.readToEnd(kafka.bootstrapServers(), topics.verdicts());
        int written = TopicReader.readToEnd(kafka.bootstrapServers(), topics.verdicts(), true).size();
        // The difference: verdicts the killed instance sent in its aborted transaction.
        LOG.info("verdicts topic: {} committed verdicts, {} written in all", verdicts.size(), written);
        List<Long> sequences = new ArrayList<>(InspectionEndToEndIT.sequences(verdicts));
        List<Long> expected = new ArrayList<>();
        for (long i = 0; i < frames; i++) {
            expected.add(i);
        }
        assertThat(sequences).as("one verdict per frame, in order, none lost, none doubled").isEqualTo(expected);
    }

    private static Process startInspectProcess(String bootstrap, String run, Path log) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx2g");
        for (String p : new String[] {"java.library.path", "org.bytedeco.javacpp.cachedir", "ai.djl.offline", "tessera.root"}) {
            if (System.getProperty(p) != null) {
                cmd.add("-D" + p + "=" + System.getProperty(p));
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(InspectCommand.class.getName());
        cmd.addAll(List.of("--bootstrap", bootstrap, "--model", InspectionEndToEndIT.modelDir().toString(),
                "--precision", "fp32", "--topic-prefix", run + ".", "--application-id", run, "--budget-ms", "0",
                "--threads", "1", "--set", "kafka.consumer.session.timeout.ms=6000", "--set", "kafka.commit.interval.ms=3000",
                // a transaction here holds 3 s of frames on purpose: the default 6 s timeout leaves too little room
                "--set", "kafka.producer.transaction.timeout.ms=30000"));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits until the app's committed offset on every frames partition is the partition's end. */
    private static void awaitCommittedToEnd(KafkaCluster kafka, String group, String topic) throws Exception {
        Admin admin = kafka.admin();
        long end = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < end) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions.forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
            boolean done = ends.entrySet().stream().allMatch(e -> committed.get(e.getKey()) != null
                    && committed.get(e.getKey()).offset() >= e.getValue().offset());
            if (done) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the restarted app did not commit to the end of " + topic + " within " + PATIENCE);
    }

    /** Waits until the killed instance's open transaction is aborted (the last stable offset reaches the end). */
    private static void awaitNoOpenTransactions(KafkaCluster kafka, String topic) throws Exception {
        Admin admin = kafka.admin();
        TopicPartition tp = new TopicPartition(topic, 0);
        long end = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < end) {
            long stable = admin.listOffsets(Map.of(tp, OffsetSpec.latest()),
                    new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get().get(tp).offset();
            long high = admin.listOffsets(Map.of(tp, OffsetSpec.latest()),
                    new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all().get().get(tp).offset();
            if (stable == high) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("a transaction on " + topic + " stayed open for " + PATIENCE);
    }
}

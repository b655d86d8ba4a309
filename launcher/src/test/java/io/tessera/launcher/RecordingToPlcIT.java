package io.tessera.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tessera.gate.GateService;
import io.tessera.gate.GateSettings;
import io.tessera.gate.RestartChecks;
import io.tessera.gate.core.GateEvents;
import io.tessera.gate.core.GatePolicy;
import io.tessera.gate.core.GateResult;
import io.tessera.gate.map.RegisterMap;
import io.tessera.gate.sim.PlcCounts;
import io.tessera.gate.sim.PlcSimSettings;
import io.tessera.gate.sim.PlcSimulator;
import io.tessera.gate.sim.PlcSimulator.Observation;
import io.tessera.gate.sim.ShiftRegister;
import io.tessera.ingest.CapturedFrame;
import io.tessera.ingest.publish.FrameSink;
import io.tessera.ingest.publish.IngestRun;
import io.tessera.ingest.publish.KafkaFrameSink;
import io.tessera.ingest.publish.Pace;
import io.tessera.ingest.publish.ProducerSettings;
import io.tessera.ingest.recording.RecordingReader;
import io.tessera.ingest.recording.RecordingSource;
import io.tessera.ingest.recording.RecordingWriter;
import io.tessera.kafka.local.KafkaCluster;
import io.tessera.launcher.demo.PartTrackingSink;
import io.tessera.protocol.ContentType;
import io.tessera.protocol.Decision;
import io.tessera.protocol.FrameMetadata;
import io.tessera.protocol.GroundTruth;
import io.tessera.protocol.Topics;
import io.tessera.protocol.Verdict;
import io.tessera.stream.app.InspectionService;
import io.tessera.stream.app.ModelRequest;
import io.tessera.stream.app.OfflineInspection;
import io.tessera.stream.app.TensorFlowClassifiers;
import io.tessera.stream.config.ConfigLoader;
import io.tessera.stream.config.StreamAppConfig;
import io.tessera.stream.inspect.Outcome;
import io.tessera.testing.kafka.KafkaBrokerExtension;
import io.tessera.testing.kafka.TopicReader;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A line from camera to PLC, every part real: a recording of the repository's BSData photographs
 * with their ground truth, replayed at the recording's own rate with capture times restamped to
 * now (as a live camera would stamp them), through the inspect app with the shipped model on a real
 * broker, into {@code tessera gate} and a simulated PLC over Modbus TCP on loopback.
 */
@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecordingToPlcIT {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingToPlcIT.class);
    private static final String LINE = "line-1";
    private static final String CAMERA = "cam-1";
    /**
     * The recording's rate, 1 frame/s, when this machine keeps up: the sample photographs are 10 to 60
     * tiles, 18 on average, about a quarter of what two cores of a laptop-class CPU classify in fp32.
     * On a slower CPU the 60-tile photographs alone take longer than the shipped 2 s budget, and the
     * inspect app rightly answers them UNKNOWN late; so the run is sized to this machine (see
     * {@link LinePace}), since what is checked here is the path to the PLC, not the CPU's speed.
     */
    private static final Duration FRAME_PERIOD = Duration.ofSeconds(1);
    /** Each of the 16 sample photographs this many times: 32 parts. */
    private static final int ROUNDS = 2;
    private static final Duration AWAIT = Duration.ofMinutes(3);
    private final Clock clock = Clock.systemUTC();
    private LinePace pace;

    @BeforeAll
    void measureThisMachine() throws Exception {
        pace = LinePace.measure(ConfigLoader.withOverrides(shippedSettings("unused:9092", "plc-pace")));
        LOG.info("{}", pace);
    }

    @ParameterizedTest
    @EnumSource(GatePolicy.class)
    void everyPartsResultReachesThePlcBeforeItsDeadlineAndThePlcsCountsMatchTheVerdicts(GatePolicy policy, KafkaCluster kafka,
                                                                                       @TempDir Path dir) throws Exception {
        String run = "plc-" + policy.name().toLowerCase(Locale.ROOT).replace('_', '-');
        StreamAppConfig config = inspectConfig(kafka, run, pace);
        Duration window = config.rejectWindow();
        Map<Long, GroundTruth> truths = writeRecording(dir, pace.period());
        int parts = truths.size();
        LateOrUnacknowledged missed = new LateOrUnacknowledged();
        try (InspectionService inspect = startInspection(kafka, config)) {
            GateSettings gateSettings = GateSettings.forLine(kafka.bootstrapServers(), LINE).withTopicPrefix(run + ".")
                    .withPolicy(policy).withRejectWindow(window).withModbus("127.0.0.1", 0).withGroupId(run + "-gate")
                    .withStartFrom(GateSettings.StartFrom.EARLIEST);
            try (GateService gate = GateService.start(gateSettings, clock, missed);
                 PlcSimulator plc = PlcSimulator.start(PlcSimSettings.of("127.0.0.1", gate.port(), RegisterMap.defaults()),
                         new ShiftRegister(policy, clock), clock)) {
                await().atMost(AWAIT).until(() -> plc.stats().connected());

                try (Replay replay = replayAtRecordedRate(kafka, config.topics(), dir, plc.shiftRegister(), window)) {
                    replay.await();
                }
                List<Verdict> verdicts = readVerdicts(kafka, config.topics(), parts);
                await().atMost(AWAIT).until(() -> plc.shiftRegister().onBelt() == 0);

                assertThat(verdicts).extracting(Verdict::sequence).containsExactlyInAnyOrderElementsOf(truths.keySet());
                verdicts.forEach(v -> assertThat(v.groundTruth()).as("ground truth of part %d", v.sequence())
                        .isEqualTo(truths.get(v.sequence())));
                assertThat(verdicts).as("decided at the recording's rate, none past its budget")
                        .noneMatch(v -> v.decision() == Decision.UNKNOWN);
                assertThat(verdicts).as("the recording holds both decisions").anyMatch(v -> v.decision() == Decision.OK)
                        .anyMatch(v -> v.decision() == Decision.DEFECT);

                Map<Long, Instant> deadlines = verdicts.stream()
                        .collect(Collectors.toMap(Verdict::sequence, v -> v.captureTime().plus(window)));
                Set<Long> written = sequences(verdicts, v -> policy.writes(v.decision()));
                List<Observation> observed = plc.stats().observed();
                assertThat(observed).extracting(Observation::sequence).as("each result the policy writes, once")
                        .containsExactlyInAnyOrderElementsOf(written);
                observed.forEach(o -> assertThat(o.observedAt()).as("part %d read by the PLC before its deadline", o.sequence())
                        .isBefore(deadlines.get(o.sequence())));
                assertThat(missed.late).as("results past their deadline").hasValue(0);
                assertThat(missed.unacknowledged).as("results the PLC did not acknowledge in time").hasValue(0);

                PlcCounts counts = plc.shiftRegister().counts();
                long ok = count(verdicts, v -> v.decision() == Decision.OK);
                assertThat(counts.parts()).isEqualTo(parts);
                assertThat(counts.passed()).as("passed = OK verdicts").isEqualTo(ok);
                assertThat(counts.rejected()).as("rejected = DEFECT and UNKNOWN verdicts").isEqualTo(parts - ok);
                assertThat(counts.correctRejects()).isEqualTo(count(verdicts, v -> v.decision() != Decision.OK
                        && v.groundTruth() == GroundTruth.DEFECT));
                assertThat(counts.wrongRejects()).isEqualTo(count(verdicts, v -> v.decision() != Decision.OK
                        && v.groundTruth() == GroundTruth.OK));
                assertThat(counts.escapes()).isEqualTo(count(verdicts, v -> v.decision() == Decision.OK
                        && v.groundTruth() == GroundTruth.DEFECT));
                assertThat(counts.failSafeRejects()).isEqualTo(policy == GatePolicy.PASS_SIGNAL ? parts - ok : 0);
                assertThat(counts.resultsAfterPart()).isZero();
                assertThat(counts.duplicateResults()).isZero();

                List<Long> captureToPlc = observed.stream()
                        .map(o -> Duration.between(deadlines.get(o.sequence()).minus(window), o.observedAt()).toMillis()).sorted()
                        .toList();
                LOG.info("{}: {} parts at {} frames/s; PLC {}; capture to PLC read, ms: min {}, median {}, max {}", policy, parts,
                        1000.0 / pace.period().toMillis(), counts, captureToPlc.get(0), captureToPlc.get(captureToPlc.size() / 2),
                        captureToPlc.get(captureToPlc.size() - 1));
            }
        }
    }

    @Test
    void aGateKilledWithSigkillMidRecordingAndStartedAgainRewritesNothingAcknowledgedAndSkipsNothing(KafkaCluster kafka,
                                                                                                     @TempDir Path dir)
            throws Exception {
        String run = "plc-kill";
        StreamAppConfig config = inspectConfig(kafka, run, pace);
        writeRecording(dir, pace.period());
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        RegisterMap map = new RegisterMap(0, 1, 4);
        // A window long enough to cover the restart: this test is about what the PLC sees, not deadlines.
        Duration window = Duration.ofSeconds(60);
        try (InspectionService inspect = startInspection(kafka, config)) {
            Process child = startGateProcess(kafka.bootstrapServers(), run, port, window);
            try (PlcSimulator plc = PlcSimulator.start(PlcSimSettings.of("127.0.0.1", port, map).withAckDelay(Duration.ofMillis(30)),
                    new ShiftRegister(GatePolicy.PASS_SIGNAL, clock), clock)) {
                await().atMost(AWAIT).until(() -> plc.stats().sessions() == 1);
                try (Replay replay = replayAtRecordedRate(kafka, config.topics(), dir, plc.shiftRegister(), window)) {
                    await().atMost(AWAIT).until(() -> plc.stats().confirmed().size() >= 3);
                    child.destroyForcibly();   // SIGKILL: no shutdown hook, no last commit
                    child.waitFor();
                    assertThat(child.exitValue()).isEqualTo(137);

                    GateSettings settings = GateSettings.forLine(kafka.bootstrapServers(), LINE).withTopicPrefix(run + ".")
                            .withModbus("127.0.0.1", port).withGroupId(run + "-gate").withRejectWindow(window).withMap(map)
                            .withStartFrom(GateSettings.StartFrom.EARLIEST);
                    try (GateService second = GateService.start(settings, clock, GateEvents.NONE)) {
                        replay.await();
                        List<Verdict> verdicts = readVerdicts(kafka, config.topics(), 16 * ROUNDS);
                        Set<Long> passSignals = sequences(verdicts, v -> v.decision() == Decision.OK);
                        assertThat(passSignals).as("OK parts on both sides of the kill").hasSizeGreaterThan(6);
                        RestartChecks.awaitEveryPartRead(plc, second, passSignals, AWAIT);
                        RestartChecks.assertExactlyOnceTowardsThePlc(plc.stats(), second, passSignals, map.slots());
                    }
                }
            } finally {
                child.destroyForcibly();
            }
        }
    }

    /** The shipped settings with this run's broker and the pace measured on this machine. */
    private static StreamAppConfig inspectConfig(KafkaCluster kafka, String run, LinePace pace) {
        Map<String, String> settings = shippedSettings(kafka.bootstrapServers(), run);
        settings.putAll(pace.settings());
        return ConfigLoader.withOverrides(settings);
    }

    /** The shipped model in fp32 on its own topics; everything else as shipped. */
    private static Map<String, String> shippedSettings(String bootstrapServers, String run) {
        Map<String, String> settings = new HashMap<>();
        settings.put("kafka.bootstrap.servers", bootstrapServers);
        settings.put("kafka.application.id", run);
        settings.put("topics.prefix", run + ".");
        settings.put("model.path", Path.of(System.getProperty("tessera.root", "..")).resolve("models/shipped/pitting-resnet34")
                .toString());
        settings.put("model.precision", "fp32");
        return settings;
    }

    /**
     * The recording's frame period, frame budget and reject window, sized to what this machine does
     * with the shipped model: as shipped (1 frame/s, 2 s budget, 3 s window) where the slowest sample
     * photograph takes at most a third of the budget and the mean one at most 70% of the period;
     * else the budget is three times the slowest photograph (the window keeps its distance above it)
     * and the period is the mean photograph over 0.7. So a slow CPU runs the same line at the load it
     * can carry, and a frame answered UNKNOWN still fails the test.
     */
    private record LinePace(Duration period, Duration budget, Duration window, Duration slowest, Duration mean) {
        static final double LOAD = 0.7;
        static final int BUDGET_OVER_SLOWEST = 3;

        /** Each sample photograph through the inspect app's own path, once to warm up and once timed. */
        static LinePace measure(StreamAppConfig shipped) throws Exception {
            List<CapturedFrame> frames = new ArrayList<>();
            long seq = 0;
            for (Path image : samplePhotographs()) {
                // stamped now, as the replay stamps them: the capture window refuses old frames
                FrameMetadata meta = FrameMetadata.of(CAMERA, LINE, seq++, Instant.now(), ContentType.JPEG);
                frames.add(CapturedFrame.of(meta, Files.readAllBytes(image)));
            }
            long slowest = 0;
            long total = 0;
            try (OfflineInspection offline = OfflineInspection.start(shipped, TensorFlowClassifiers::load, Clock.systemUTC())) {
                for (CapturedFrame f : frames) {
                    offline.inspect(f.key(), new RecordHeaders(f.headers()), f.value());
                }
                for (CapturedFrame f : frames) {
                    long start = System.nanoTime();
                    Outcome outcome = offline.inspect(f.key(), new RecordHeaders(f.headers()), f.value());
                    long took = System.nanoTime() - start;
                    assertThat(outcome).as("photograph %d measured as decided", f.metadata().sequence())
                            .isInstanceOf(Outcome.Decided.class);
                    slowest = Math.max(slowest, took);
                    total += took;
                }
            }
            Duration slowestFrame = Duration.ofNanos(slowest);
            Duration meanFrame = Duration.ofNanos(total / frames.size());
            Duration budget = max(shipped.budget(), slowestFrame.multipliedBy(BUDGET_OVER_SLOWEST));
            Duration window = shipped.rejectWindow().plus(budget.minus(shipped.budget()));
            Duration period = max(FRAME_PERIOD, Duration.ofMillis((long) Math.ceil(meanFrame.toMillis() / LOAD)));
            return new LinePace(period, budget, window, slowestFrame, meanFrame);
        }

        private static Duration max(Duration a, Duration b) {
            return a.compareTo(b) >= 0 ? a : b;
        }

        Map<String, String> settings() {
            return Map.of("inspection.budget-ms", Long.toString(budget.toMillis()),
                    "alerts.reject-window-ms", Long.toString(window.toMillis()));
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "sample photographs on this machine: slowest %d ms, mean %d ms; recording at"
                    + " one frame every %d ms, budget %d ms, reject window %d ms", slowest.toMillis(), mean.toMillis(),
                    period.toMillis(), budget.toMillis(), window.toMillis());
        }
    }

    private static InspectionService startInspection(KafkaCluster kafka, StreamAppConfig config) throws Exception {
        Topics topics = config.topics();
        kafka.createTopics(1, topics.frames().name(), topics.verdicts().name(), topics.alerts().name(), topics.deadLetters().name());
        InspectionService inspect = InspectionService.start(config, TensorFlowClassifiers.load(ModelRequest.of(config)),
                new SimpleMeterRegistry(), Clock.systemUTC());
        if (!inspect.awaitRunning(Duration.ofSeconds(120))) {
            inspect.close();
            throw new IllegalStateException("the inspect app did not start: " + inspect.state());
        }
        return inspect;
    }

    private static Path samples() {
        return Path.of(System.getProperty("tessera.root", "..")).resolve("samples/bsdata");
    }

    private static List<Path> samplePhotographs() throws IOException {
        List<Path> all = new ArrayList<>(list(samples().resolve("ok")));
        all.addAll(list(samples().resolve("pitting")));
        return all;
    }

    /** Every sample photograph {@link #ROUNDS} times, OK and pitted alternating, {@code period} apart. */
    private static Map<Long, GroundTruth> writeRecording(Path dir, Duration period) throws IOException {
        List<Path> ok = list(samples().resolve("ok"));
        List<Path> pitting = list(samples().resolve("pitting"));
        assertThat(ok).hasSize(8);
        assertThat(pitting).hasSize(8);
        Map<Long, GroundTruth> truths = new HashMap<>();
        Instant start = Instant.parse("2026-11-28T06:00:00Z");
        try (RecordingWriter writer = RecordingWriter.create(dir, "frames", "camera-to-PLC test")) {
            long seq = 0;
            for (int round = 0; round < ROUNDS; round++) {
                for (int i = 0; i < ok.size(); i++) {
                    for (Path image : List.of(ok.get(i), pitting.get(i))) {
                        GroundTruth truth = image.getParent().getFileName().toString().equals("ok") ? GroundTruth.OK : GroundTruth.DEFECT;
                        FrameMetadata meta = FrameMetadata.of(CAMERA, LINE, seq, start.plus(period.multipliedBy(seq)),
                                ContentType.JPEG).withGroundTruth(truth, List.of());
                        writer.append(List.of(new RecordingWriter.SourcedFrame(CapturedFrame.of(meta, Files.readAllBytes(image)),
                                "frames", 0, seq)));
                        truths.put(seq, truth);
                        seq++;
                    }
                }
            }
        }
        return truths;
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    /** A replay running, and the producer it sends with. */
    private record Replay(IngestRun run, KafkaFrameSink sink) implements AutoCloseable {
        void await() throws InterruptedException {
            run.await();
        }

        @Override
        public void close() {
            run.close();
            sink.close();
        }
    }

    /** camera-ingest's replay path: the recording's timing, capture times restamped to the send time. */
    private Replay replayAtRecordedRate(KafkaCluster kafka, Topics topics, Path recording, ShiftRegister belt, Duration window)
            throws IOException {
        KafkaFrameSink kafkaSink = KafkaFrameSink.create(topics.frames(), ProducerSettings.defaults(kafka.bootstrapServers()),
                "camera-to-plc-replay");
        FrameSink sink = new PartTrackingSink(kafkaSink, Map.of(LINE, belt), window);
        return new Replay(IngestRun.start(List.of(new RecordingSource(RecordingReader.open(recording), true)), sink,
                Pace.asRecorded(1.0), clock, null, 0), kafkaSink);
    }

    private static List<Verdict> readVerdicts(KafkaCluster kafka, Topics topics, int count) {
        List<Verdict> verdicts = TopicReader.read(kafka.bootstrapServers(), topics.verdicts(), count, AWAIT).stream()
                .map(ConsumerRecord::value).toList();
        assertThat(verdicts).as("one verdict per part").hasSize(count);
        return verdicts;
    }

    private static Set<Long> sequences(List<Verdict> verdicts, Predicate<Verdict> which) {
        return verdicts.stream().filter(which).map(Verdict::sequence).collect(Collectors.toCollection(TreeSet::new));
    }

    private static long count(List<Verdict> verdicts, Predicate<Verdict> which) {
        return verdicts.stream().filter(which).count();
    }

    /** The real {@code tessera gate} command in a JVM of its own, so that it can be killed with SIGKILL. */
    private static Process startGateProcess(String bootstrap, String run, int port, Duration window) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                TesseraCli.class.getName(), "gate", "--bootstrap", bootstrap, "--topic-prefix", run + ".", "--line", LINE,
                "--group-id", run + "-gate", "--start-from", "earliest", "--modbus-port", Integer.toString(port), "--slots", "4",
                "--reject-window-ms", Long.toString(window.toMillis()), "--status-interval", "0"));
        File log = Path.of("target", "recording-to-plc-gate.log").toFile();
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    }

    /** Counts what a line must never see here: results written too late or never acknowledged. */
    private static final class LateOrUnacknowledged implements GateEvents {
        final AtomicLong late = new AtomicLong();
        final AtomicLong unacknowledged = new AtomicLong();

        @Override
        public void late(GateResult result, Duration lateness) {
            late.incrementAndGet();
        }

        @Override
        public void unacknowledged(GateResult result) {
            unacknowledged.incrementAndGet();
        }
    }
}

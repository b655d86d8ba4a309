package io.tessera.launcher.chaos;

import io.tessera.ingest.publish.FramePublisher;
import io.tessera.ingest.publish.IngestRun;
import io.tessera.ingest.publish.KafkaFrameSink;
import io.tessera.ingest.publish.Pace;
import io.tessera.ingest.publish.ProducerSettings;
import io.tessera.ingest.sim.LineSimulator;
import io.tessera.ingest.sim.SimulatedCamera;
import io.tessera.ingest.source.FrameEncoder;
import io.tessera.launcher.chaos.AuditInput.FaultMark;
import io.tessera.stream.app.TopicProvisioner;
import io.tessera.stream.config.ConfigLoader;
import io.tessera.stream.config.StreamAppConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One chaos run, start to end: broker, topics, inspect instances, observer, cameras; the schedule
 * played against them; then the drain and the audit. Everything started is stopped again in
 * reverse order, whatever happens.
 */
public final class ChaosRun {
    /** Broker settings of the local broker. The coordinator looks for transactions past their timeout
     *  this often (Kafka's default is every 10 s, which would add up to 10 s to every takeover). */
    static final Map<String, String> BROKER_SETTINGS = Map.of(
            "transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
    /** Least time between the end of one fault and the next. */
    static final Duration FAULT_GAP = Duration.ofSeconds(15);
    /** How long the instances may take to load the model and join the group. */
    private static final Duration JOIN_PATIENCE = Duration.ofMinutes(5);
    /** Where a run's progress goes, one line at a time. */
    public interface Progress {
        void line(String text);
    }

    private final ChaosSettings settings;
    private final List<String> javaCommand;
    private final Clock clock;
    private final Progress progress;
    private long startedMs;

    /**
     * @param javaCommand the java binary and JVM options of an instance, up to (not including) the main class
     */
    public ChaosRun(ChaosSettings settings, List<String> javaCommand, Clock clock, Progress progress) {
        this.settings = settings;
        this.javaCommand = List.copyOf(javaCommand);
        this.clock = clock;
        this.progress = progress;
    }

    /**
     * Runs it. A temporary work folder (no --work-dir) is removed after a run that passed, and kept,
     * with the instances' logs and the broker's data, after one that did not.
     */
    public ChaosReport run() throws Exception {
        startedMs = clock.millis();
        boolean temporary = settings.workDir() == null;
        Path work = temporary ? Files.createTempDirectory("tessera-chaos-") : Files.createDirectories(settings.workDir());
        ChaosReport report = null;
        try {
            report = runIn(work);
            return report;
        } finally {
            if (temporary && report != null && report.passed()) {
                deleteTree(work);
            } else {
                say("instance logs and broker data kept in " + work);
            }
        }
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private ChaosReport runIn(Path work) throws Exception {
        String runId = "chaos-" + Long.toString(clock.millis(), 36);
        say("run " + runId + ", logs in " + work);
        ChaosSchedule schedule = ChaosSchedule.plan(settings.kills(), settings.brokerRestarts(), settings.instances(),
                settings.badFrameRounds(), settings.duration(), ChaosSettings.WARM_UP, ChaosSettings.TAIL, new Random(settings.seed()));

        ChaosBroker broker;
        if (settings.bootstrap() == null) {
            Path data = settings.dataDir() != null ? settings.dataDir() : work.resolve("broker");
            say("starting a local Kafka broker (data " + data + ")");
            broker = ChaosBroker.local(data, BROKER_SETTINGS, clock);
        } else {
            say("connecting to " + settings.bootstrap());
            broker = ChaosBroker.external(settings.bootstrap(), clock);
        }
        try (broker) {
            Map<String, String> app = appSettings(broker.bootstrapServers(), runId);
            StreamAppConfig config = ConfigLoader.parse(ConfigLoader.merge(null, Map.of(), app));
            TopicProvisioner.ensureTopics(config, settings.partitions());
            say("topics " + String.join(", ", config.topics().names()) + " with " + settings.partitions() + " partitions");

            try (InspectInstances instances = new InspectInstances(instanceCommand(app), work, settings.instances())) {
                instances.startAll();
                say("started " + settings.instances() + " inspect instance(s) (fp32, " + settings.threads()
                        + " stream thread(s) each); waiting for them to join group " + runId);
                awaitMembers(broker, runId, settings.instances() * settings.threads(), instances);
                return play(schedule, broker, config, instances, runId);
            }
        }
    }

    private ChaosReport play(ChaosSchedule schedule, ChaosBroker broker, StreamAppConfig config, InspectInstances instances,
                             String runId) throws Exception {
        List<FaultMark> faults = new ArrayList<>();
        long kills = 0;
        long restarts = 0;
        long maxBrokerAwayMs = 0;
        try (OutputObserver observer = OutputObserver.start(broker.bootstrapServers(), config.topics(), clock);
             LineSimulator simulator = LineSimulator.builder().lines(1).camerasPerLine(settings.cameras()).cameraId("cam")
                     .lineId("line").seed(settings.seed()).defectRate(0.2).distinctFrames(10).encoder(FrameEncoder.jpeg(90))
                     .clock(clock).build();
             KafkaFrameSink sink = KafkaFrameSink.create(config.topics().frames(), cameraProducer(broker.bootstrapServers()),
                     runId + "-cameras");
             KafkaProducer<String, byte[]> badSender = badFrameProducer(broker.bootstrapServers(), runId)) {
            List<SimulatedCamera> cameras = simulator.prerenderedCameras();
            SimulatedCamera first = cameras.get(0);
            BadFrameMaker maker = new BadFrameMaker(first.cameraId(), first.lineId(), config.maxFrameBytes());
            say(String.format("cameras on: %d x 2K at %s frames/s for %d s; %d kill(s), %d broker restart(s), %d bad frame(s) "
                            + "into %s's stream", settings.cameras(), settings.fps(), settings.duration().toSeconds(), schedule.kills(),
                    schedule.brokerRestarts(), schedule.badFrames(), first.cameraId()));
            long camerasStart = clock.millis();
            long lastStatus = camerasStart;
            int badIndex = 0;
            try (IngestRun run = IngestRun.start(cameras, sink, Pace.fixedRate(settings.fps()), clock, settings.duration(), 0)) {
                long lastFaultDone = 0;
                for (ChaosEvent event : schedule.events()) {
                    long due = camerasStart + event.at().toMillis();
                    if (!(event instanceof ChaosEvent.InjectBadFrame)) {
                        // a broker restart can take far longer than planned on a loaded machine: the next
                        // fault waits, so that each one's recovery is seen on its own
                        due = Math.max(due, lastFaultDone + FAULT_GAP.toMillis());
                    }
                    while (clock.millis() < due) {
                        Thread.sleep(Math.min(500, due - clock.millis()));
                        instances.restartExited().forEach(this::say);
                        if (clock.millis() - lastStatus >= 15_000) {
                            status(run, observer, instances);
                            lastStatus = clock.millis();
                        }
                    }
                    if (event instanceof ChaosEvent.Kill k) {
                        faults.add(new FaultMark(clock.millis(), FaultMark.KILL));
                        long pid = instances.killAndRestart(k.instance());
                        kills++;
                        say("SIGKILL instance " + k.instance() + " (pid " + pid + "); restarted as pid " + instances.pid(k.instance()));
                    } else if (event instanceof ChaosEvent.BrokerRestart) {
                        faults.add(new FaultMark(clock.millis(), FaultMark.BROKER_RESTART));
                        say("stopping the broker for " + settings.brokerDown().toSeconds() + " s");
                        Duration away = broker.restart(settings.brokerDown());
                        restarts++;
                        maxBrokerAwayMs = Math.max(maxBrokerAwayMs, away.toMillis());
                        say(String.format("broker back on the same data and port after %.1f s", away.toMillis() / 1000.0));
                    }
                    if (!(event instanceof ChaosEvent.InjectBadFrame)) {
                        lastFaultDone = clock.millis();
                    } else if (event instanceof ChaosEvent.InjectBadFrame f) {
                        BadFrame bad = maker.make(badIndex++, f.kind(), clock.instant());
                        badSender.send(new ProducerRecord<>(config.topics().frames().name(), null, null, bad.key(), bad.value(),
                                bad.headers()));
                    }
                }
                while (!run.isFinished()) {
                    Thread.sleep(500);
                    instances.restartExited().forEach(this::say);
                    if (clock.millis() - lastStatus >= 15_000) {
                        status(run, observer, instances);
                        lastStatus = clock.millis();
                    }
                }
                badSender.flush();
                run.await();
            }
            long runMs = clock.millis() - camerasStart;
            say("cameras off; waiting for the app to catch up");
            TopicAudit audit = new TopicAudit(broker.bootstrapServers(), config.topics(), clock);
            Admin admin = broker.cluster().admin();
            boolean drained = audit.awaitDrained(admin, runId, settings.drainTimeout(), left -> {
                instances.restartExited().forEach(this::say);
                say(left + " frame(s) not yet committed by the group");
            });
            if (!drained) {
                say("the group did not commit every frame within --drain-timeout " + settings.drainTimeout().toSeconds()
                        + " s; auditing what is there");
            }
            if (!audit.awaitNoOpenTransactions(admin, settings.drainTimeout())) {
                say("a transaction stayed open on an output topic; auditing what is committed");
            }
            awaitObserverQuiet(observer);
            say("auditing every topic with read_committed");
            AuditResult result = Auditor.audit(audit.read(observer.firstSeen(), faults));
            return new ChaosReport(result, kills, restarts, maxBrokerAwayMs, instances.unexpectedExits(), settings.seed(), settings.instances(), runMs,
                    startedMs);
        }
    }

    /** Until the observer has seen nothing new for 2 s: it is a consumer like any other and may lag a little. */
    private void awaitObserverQuiet(OutputObserver observer) throws InterruptedException {
        long seen = -1;
        while (observer.verdictsSeen() + observer.deadLettersSeen() != seen) {
            seen = observer.verdictsSeen() + observer.deadLettersSeen();
            Thread.sleep(2000);
        }
    }

    private void status(IngestRun run, OutputObserver observer, InspectInstances instances) {
        long sent = run.publishers().stream().mapToLong(FramePublisher::framesSent).sum();
        say(String.format("frames sent %d, verdicts seen %d, dead letters seen %d, instances alive %d/%d", sent,
                observer.verdictsSeen(), observer.deadLettersSeen(), instances.alive(), instances.count()));
    }

    /** Waits until the group has as many members as stream threads were started (or gives up saying so). */
    private void awaitMembers(ChaosBroker broker, String group, int members, InspectInstances instances) throws InterruptedException {
        long end = clock.millis() + JOIN_PATIENCE.toMillis();
        while (clock.millis() < end) {
            instances.restartExited().forEach(this::say);
            try {
                ConsumerGroupDescription d = broker.cluster().admin().describeConsumerGroups(List.of(group)).all()
                        .get(30, TimeUnit.SECONDS).get(group);
                if (d != null && d.members().size() >= members) {
                    say("group " + group + " has " + d.members().size() + " member(s)");
                    return;
                }
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // not there yet
            }
            Thread.sleep(1000);
        }
        say("the group did not reach " + members + " members within " + JOIN_PATIENCE.toMinutes() + " min; going on (see "
                + instances.logDir() + ")");
    }

    /** The settings every instance gets, and the run uses to name and create the topics. */
    Map<String, String> appSettings(String bootstrap, String runId) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("kafka.bootstrap.servers", bootstrap);
        s.put("kafka.application.id", runId);
        s.put("topics.prefix", runId + ".");
        s.put("model.path", settings.modelDir().toString());
        // fp32: auto would measure precisions at every (re)start, minutes on a loaded machine
        s.put("model.precision", "fp32");
        s.put("kafka.num.stream.threads", Integer.toString(settings.threads()));
        // the run creates the topics; an instance restarted while the broker is away must not fail on it
        s.put("topics.create", "false");
        s.put("topics.partitions", Integer.toString(settings.partitions()));
        s.put("dashboard.enabled", "false");
        s.put("frames.max-bytes", Integer.toString(settings.maxFrameBytes()));
        s.putAll(settings.appSettings());
        return s;
    }

    private List<String> instanceCommand(Map<String, String> app) {
        List<String> cmd = new ArrayList<>(javaCommand);
        cmd.add(InstanceMain.class.getName());
        app.forEach((k, v) -> {
            cmd.add("--set");
            cmd.add(k + "=" + v);
        });
        return cmd;
    }

    /** Cameras keep buffering through a broker restart instead of failing: minutes of delivery time. */
    private static ProducerSettings cameraProducer(String bootstrap) {
        ProducerSettings d = ProducerSettings.defaults(bootstrap);
        return new ProducerSettings(bootstrap, d.acks(), d.lingerMs(), d.batchSize(), d.compressionType(), d.maxRequestSize(),
                d.bufferMemory(), 300_000, 600_000, Map.of());
    }

    /** A plain producer for bad frames: the frames descriptor's serde would refuse the too-large one. */
    private static KafkaProducer<String, byte[]> badFrameProducer(String bootstrap, String runId) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, runId + "-bad-frames");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024 + 128 * 1024);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 300_000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 600_000);
        // back as fast as a camera after a broker restart: bad frames wait in the same stream
        p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, ProducerSettings.RECONNECT_BACKOFF_MAX_MS);
        p.put(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG, ProducerSettings.RECONNECT_BACKOFF_MAX_MS);
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    private void say(String text) {
        progress.line(String.format("[%6.1fs] %s", (clock.millis() - startedMs) / 1000.0, text));
    }
}

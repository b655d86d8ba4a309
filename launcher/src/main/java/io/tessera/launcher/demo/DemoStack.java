package io.tessera.launcher.demo;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tessera.ingest.publish.FrameSink;
import io.tessera.ingest.publish.IngestRun;
import io.tessera.ingest.publish.KafkaFrameSink;
import io.tessera.ingest.publish.Pace;
import io.tessera.ingest.publish.ProducerSettings;
import io.tessera.ingest.sim.LineSimulator;
import io.tessera.ingest.source.FrameEncoder;
import io.tessera.kafka.local.ExternalKafkaCluster;
import io.tessera.kafka.local.KafkaCluster;
import io.tessera.kafka.local.LocalKafka;
import io.tessera.protocol.Topics;
import io.tessera.stream.app.ClassifierFactory;
import io.tessera.stream.app.InspectionService;
import io.tessera.stream.config.ConfigLoader;
import io.tessera.stream.config.StreamAppConfig;
import io.tessera.stream.web.DashboardConfig;
import io.tessera.stream.web.DashboardServer;
import io.tessera.stream.web.PrometheusRegistry;
import io.tessera.vision.TileGrid;
import io.tessera.vision.TilingSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the demo runs, started in dependency order and closed in reverse: the broker (or a
 * connection to an existing cluster), the inspection app with the model, its dashboard, then the
 * simulated cameras. Closing stops the cameras first so that the app is not fed while it stops,
 * and the local broker last, which ends its child JVM.
 */
final class DemoStack implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoStack.class);
    static final String APPLICATION_ID = "tessera-demo";
    static final int WIDTH = 2048;
    static final int HEIGHT = 1080;

    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private final Topics topics;
    private final String bootstrap;
    private final boolean localBroker;
    private final DashboardServer dashboard;
    private final InspectionService service;
    private final IngestRun cameras;
    private final double fps;
    private final DemoRate rate;
    private final DemoGates gates;

    private DemoStack(Topics topics, String bootstrap, boolean localBroker, DashboardServer dashboard,
                      InspectionService service, IngestRun cameras, double fps, DemoRate rate, DemoGates gates) {
        this.topics = topics;
        this.bootstrap = bootstrap;
        this.localBroker = localBroker;
        this.dashboard = dashboard;
        this.service = service;
        this.cameras = cameras;
        this.fps = fps;
        this.rate = rate;
        this.gates = gates;
    }

    /** Frames per second of each camera. */
    double fps() {
        return fps;
    }

    /** How the rate was chosen from the measured capacity; null when --fps gave it. */
    DemoRate rate() {
        return rate;
    }

    /** Starts the stack; on any failure what was already started is closed again. */
    static DemoStack start(DemoSettings s, ClassifierFactory classifiers, Clock clock, Progress progress)
            throws IOException, InterruptedException {
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        try {
            KafkaCluster cluster;
            if (s.bootstrap() == null) {
                progress.step("starting a local Kafka broker");
                LocalKafka local = LocalKafka.start();
                opened.push(local);
                cluster = local;
            } else {
                progress.step("connecting to Kafka at " + s.bootstrap());
                ExternalKafkaCluster external = ExternalKafkaCluster.connect(s.bootstrap(), "--bootstrap", Duration.ofSeconds(30), clock);
                opened.push(external);
                cluster = external;
            }
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("kafka.bootstrap.servers", cluster.bootstrapServers());
            settings.put("kafka.application.id", APPLICATION_ID);
            settings.put("model.path", s.modelDir().toString());
            settings.put("model.precision", s.precision());
            settings.put("topics.prefix", s.topicPrefix());
            settings.put("dashboard.bind-address", s.bindAddress());
            settings.put("dashboard.port", Integer.toString(s.port()));
            if (s.bindAddress().equals("0.0.0.0") || s.bindAddress().equals("::")) {
                // Served to other machines: they reach it by this host's name.
                settings.put("dashboard.allowed-hosts", thisHostNames());
            }
            Map<String, String> effective = ConfigLoader.merge(null, Map.of(), settings);
            StreamAppConfig config = ConfigLoader.parse(effective);
            Topics topics = config.topics();
            // One frames partition per camera lets every stream thread work; the rest are small.
            cluster.createTopics(Math.max(2, s.lines() * s.cameras()), topics.frames().name());
            cluster.createTopics(1, topics.verdicts().name(), topics.alerts().name(), topics.deadLetters().name());

            progress.step("loading the model from " + s.modelDir());
            PrometheusMeterRegistry registry = PrometheusRegistry.withJvmMeters("tessera-demo");
            // the model loads, and its precision is chosen, on the thread that will serve it
            InspectionService service = InspectionService.start(config, classifiers, registry, clock);
            opened.push(service);
            progress.step("starting the inspection app (" + service.card().name() + " " + service.card().version()
                    + ", precision " + service.status().serving().reason() + ")");
            if (!service.awaitRunning(Duration.ofSeconds(120))) {
                throw new IllegalStateException("the inspection app did not start (Kafka Streams state " + service.state() + ")");
            }
            DashboardServer dashboard = DashboardServer.start(DashboardConfig.forInspection(config, effective::get), registry, clock,
                    service.status());
            opened.push(dashboard);
            DemoGates gates = null;
            if (s.gate()) {
                progress.step("starting a reject gate with a simulated PLC per line");
                gates = DemoGates.start(DemoGates.lineIds(s.lines()), cluster.bootstrapServers(), s.topicPrefix(), config.rejectWindow(),
                        registry, clock);
                opened.push(gates);
            }

            int cameraCount = s.lines() * s.cameras();
            DemoRate rate = null;
            double fps;
            if (s.fps() != null) {
                fps = s.fps();
            } else {
                // Before the cameras start, so that the measurement has the CPU to itself.
                TilingSpec tiling = service.tiling();
                int tilesPerFrame = TileGrid.layout(WIDTH, HEIGHT, tiling).size();
                progress.step("measuring the model's capacity (" + DemoCapacity.MEASUREMENT.toSeconds() + " s on sample tiles, "
                        + (s.precision()) + " precision)");
                double capacity = DemoCapacity.tilesPerSecond(service.servedModel(), tiling,
                        Math.min(tilesPerFrame, config.batch().maxSize()));
                rate = DemoRate.choose(capacity, tilesPerFrame, cameraCount, DemoRate.DEFAULT_LOAD);
                fps = rate.fpsPerCamera();
                LOG.info("demo camera rate: {}", rate.explanation());
                String warning = rate.budgetWarning(config.budget());
                if (warning != null) {
                    LOG.warn("demo: {}", warning);
                }
            }
            progress.step("starting " + cameraCount + " simulated 2K camera(s) at " + DemoRate.format(fps) + " frames/s");
            LineSimulator simulator = LineSimulator.builder().lines(s.lines()).camerasPerLine(s.cameras()).size(WIDTH, HEIGHT)
                    .cameraId("cam").lineId("line").defectRate(s.defectRate()).encoder(FrameEncoder.jpeg(90)).clock(clock).build();
            opened.push(simulator);
            FrameSink kafkaSink = KafkaFrameSink.create(topics.frames(), ProducerSettings.defaults(cluster.bootstrapServers()),
                    "tessera-demo-cameras");
            opened.push(kafkaSink);
            FrameSink sink = gates == null ? kafkaSink : gates.trackingParts(kafkaSink);
            // Staggered: cameras on different lines are not phase-locked; frames all due at the same
            // instants would make every frame but the first wait for the others each period.
            IngestRun cameras = IngestRun.startStaggered(simulator.prerenderedCameras(), sink, new Pace.FixedRate(fps, Duration.ZERO),
                    clock, null, 0);
            opened.push(cameras);

            DemoStack stack = new DemoStack(topics, cluster.bootstrapServers(), s.bootstrap() == null, dashboard, service, cameras,
                    fps, rate, gates);
            stack.opened.addAll(opened);
            return stack;
        } catch (IOException | InterruptedException | RuntimeException e) {
            closeAll(opened);
            throw e;
        }
    }

    URI dashboardUrl() {
        return dashboard.url();
    }

    Topics topics() {
        return topics;
    }

    String bootstrap() {
        return bootstrap;
    }

    boolean localBroker() {
        return localBroker;
    }

    InspectionService service() {
        return service;
    }

    /** The reject gates, when the demo runs them. */
    Optional<DemoGates> gates() {
        return Optional.ofNullable(gates);
    }

    /** False once a camera stopped on its own (an error, reported when the stack closes). */
    boolean camerasRunning() {
        return !cameras.isFinished();
    }

    @Override
    public void close() {
        closeAll(opened);
    }

    /** Closes newest first; one failure does not keep the others open. */
    private static void closeAll(Deque<AutoCloseable> opened) {
        while (!opened.isEmpty()) {
            AutoCloseable c = opened.pop();
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed: {}", c.getClass().getSimpleName(), e.toString());
            }
        }
    }

    /** Where start-up steps are reported. */
    interface Progress {
        void step(String what);
    }

    private static String thisHostNames() {
        try {
            InetAddress self = InetAddress.getLocalHost();
            return self.getHostName() + "," + self.getCanonicalHostName() + "," + self.getHostAddress();
        } catch (UnknownHostException e) {
            return "";
        }
    }
}

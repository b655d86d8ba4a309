package io.tessera.stream.cli;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tessera.stream.app.ClassifierFactory;
import io.tessera.stream.app.InspectionService;
import io.tessera.stream.app.TensorFlowClassifiers;
import io.tessera.stream.app.TopicProvisioner;
import io.tessera.stream.config.ConfigException;
import io.tessera.stream.config.ConfigLoader;
import io.tessera.stream.config.SecretSettings;
import io.tessera.stream.config.StreamAppConfig;
import io.tessera.stream.web.DashboardConfig;
import io.tessera.stream.web.DashboardServer;
import io.tessera.stream.web.PrometheusRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tessera inspect}: runs the inspection stream app until Ctrl-C. */
@Command(name = "inspect", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Runs the inspection pipeline: reads frames from Kafka, tiles and classifies them with the model, "
                    + "and publishes one verdict per frame to 'verdicts', DEFECT and UNKNOWN ones to 'alerts' "
                    + "(keyed by line) and bad frames to 'frames.dlq' with a reason.",
            "",
            "Settings come from config/stream-app.properties (every key documented there), then --config FILE, "
                    + "then environment variables TESSERA_INSPECT_<KEY> (upper case, '.' and '-' as '_'), then the "
                    + "flags below. Kafka client settings (security included) pass through as kafka.<setting>, "
                    + "e.g. --set kafka.security.protocol=SASL_SSL.",
            ""},
        footer = {"", "Example: tessera inspect --bootstrap localhost:9092 --model models/shipped/pitting-resnet34"})
public final class InspectCommand implements Callable<Integer> {

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file overriding the defaults.")
    private Path configFile;

    @Option(names = {"-b", "--bootstrap"}, paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (kafka.bootstrap.servers; default localhost:9092).")
    private String bootstrap;

    @Option(names = {"-m", "--model"}, paramLabel = "DIR",
            description = "Model folder: SavedModel plus model-card.json (model.path; default models/shipped/pitting-resnet34).")
    private Path model;

    @Option(names = "--precision", paramLabel = "auto|fp32|bf16|fp16",
            description = "Inference precision (model.precision; default auto: the fastest precision that scores the "
                    + "model's reference tiles like fp32 and is at least 1.3x faster, else fp32). fp16 is for NVIDIA GPUs.")
    private String precision;

    @Option(names = "--threshold", paramLabel = "P",
            description = "Decision threshold on the frame's defect score (model.threshold; default: the model card's).")
    private String threshold;

    @Option(names = "--topic-prefix", paramLabel = "PREFIX",
            description = "Prefix of the topic names, e.g. 'plant1.' (topics.prefix; default none).")
    private String topicPrefix;

    @Option(names = "--application-id", paramLabel = "ID",
            description = "Kafka Streams application id, also the consumer group (kafka.application.id; default tessera-inspect).")
    private String applicationId;

    @Option(names = "--threads", paramLabel = "N",
            description = "Stream threads decoding and tiling side by side (kafka.num.stream.threads; default 2).")
    private String threads;

    @Option(names = "--batch-size", paramLabel = "TILES",
            description = "Most tiles per model call, across frames and threads (batch.max-size; default 64).")
    private String batchSize;

    @Option(names = "--batch-wait-ms", paramLabel = "MS",
            description = "Longest a tile waits for a batch to fill (batch.max-wait-ms; default 10).")
    private String batchWait;

    @Option(names = "--budget-ms", paramLabel = "MS",
            description = "A frame's budget from capture time; past it the verdict is UNKNOWN, reason late "
                    + "(inspection.budget-ms; default 2000; 0 = none).")
    private String budget;

    @Option(names = "--at-least-once",
            description = "Use at_least_once instead of exactly_once_v2 (kafka.processing.guarantee).")
    private boolean atLeastOnce;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
            description = "Any setting of config/stream-app.properties, or kafka.<client setting>. Repeatable.")
    private Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--print-config", description = "Print the effective settings and exit.")
    private boolean printConfig;

    private final ClassifierFactory classifiers;

    public InspectCommand() {
        this(TensorFlowClassifiers::load);
    }

    public InspectCommand(ClassifierFactory classifiers) {
        this.classifiers = classifiers;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new InspectCommand()).execute(args));
    }

    /** The flags as settings: named flags first, then --set (the more specific wins). */
    Map<String, String> flagSettings() {
        Map<String, String> flags = new LinkedHashMap<>();
        put(flags, "kafka.bootstrap.servers", bootstrap);
        put(flags, "model.path", model == null ? null : model.toString());
        put(flags, "model.precision", precision);
        put(flags, "model.threshold", threshold);
        put(flags, "topics.prefix", topicPrefix);
        put(flags, "kafka.application.id", applicationId);
        put(flags, "kafka.num.stream.threads", threads);
        put(flags, "batch.max-size", batchSize);
        put(flags, "batch.max-wait-ms", batchWait);
        put(flags, "inspection.budget-ms", budget);
        if (atLeastOnce) {
            flags.put("kafka.processing.guarantee", "at_least_once");
        }
        flags.putAll(settings);
        return flags;
    }

    private static void put(Map<String, String> flags, String key, String value) {
        if (value != null) {
            flags.put(key, value);
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        StreamAppConfig config;
        Map<String, String> effective;
        try {
            effective = ConfigLoader.merge(configFile, System.getenv(), flagSettings());
            config = ConfigLoader.parse(effective);
        } catch (ConfigException e) {
            err.println("tessera inspect: " + e.getMessage());
            return 2;
        }
        if (printConfig) {
            effective.forEach((k, v) -> out.println(k + "=" + SecretSettings.shown(k, v)));
            return 0;
        }
        if (Boolean.parseBoolean(effective.get("topics.create"))) { // both checked by ConfigLoader.parse
            try {
                TopicProvisioner.ensureTopics(config, Integer.parseInt(effective.get("topics.partitions").trim()));
            } catch (IllegalStateException e) {
                err.println("tessera inspect: " + e.getMessage());
                return 1;
            }
        }
        // JVM and process meters too, tagged app=stream-app, as the Grafana dashboard expects of both apps
        PrometheusMeterRegistry registry = PrometheusRegistry.withJvmMeters("stream-app");
        InspectionService started;
        try {
            // the model loads, and its precision is chosen, on the thread that will serve it
            started = InspectionService.start(config, classifiers, registry, Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            err.println("tessera inspect: " + e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        // Ctrl-C or SIGTERM: ask the main thread to close in order, and keep the JVM up until it has.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopped.countDown();
            try {
                closed.await(90, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "tessera-inspect-shutdown"));
        try (InspectionService service = started;
             // The live dashboard and the Prometheus /metrics of this registry (dashboard.* settings).
             DashboardServer dashboard = DashboardConfig.enabled(effective::get)
                     ? DashboardServer.startOrWarn(DashboardConfig.forInspection(config, effective::get), registry, Clock.systemUTC(),
                             service.status())
                     : null) {
            out.printf("inspecting %s -> %s, %s, %s on %s with %s %s (threshold %.4f, %s)%n",
                    config.topics().frames().name(), config.topics().verdicts().name(), config.topics().alerts().name(),
                    config.topics().deadLetters().name(), config.bootstrapServers(), service.card().name(),
                    service.card().version(), service.live().current().threshold(), config.kafka().get("processing.guarantee"));
            out.println("precision " + service.status().serving().reason());
            if (dashboard != null) {
                out.println("dashboard " + dashboard.url() + " (Prometheus metrics at " + dashboard.url().resolve("/metrics") + ")");
            }
            out.flush();
            Thread watcher = new Thread(() -> {
                try {
                    service.awaitFailure();
                    stopped.countDown();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "tessera-inspect-watch");
            watcher.setDaemon(true);
            watcher.start();
            stopped.await();
            if (service.state() == KafkaStreams.State.ERROR) {
                err.println("tessera inspect: Kafka Streams failed; see the log above");
                return 1;
            }
        } finally {
            closed.countDown();
        }
        out.println("stopped");
        return 0;
    }
}

package io.tessera.launcher.chaos;

import io.tessera.ingest.cli.DurationConverter;
import io.tessera.stream.config.ConfigLoader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tessera chaos}: runs an inspection line on this machine, breaks it on purpose, and audits
 * every topic. Exit status 0 when nothing was lost, doubled or misrouted, 1 when something was,
 * 2 for bad options.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Runs an inspection line on this machine and breaks it on purpose, then audits every topic.",
            "The line: a local Kafka broker on a data folder of its own (or --bootstrap), the inspect app as --instances "
                    + "separate JVMs in one consumer group (shipped model, fp32), and simulated 2K cameras on one line.",
            "The faults, at seeded random times: --kills SIGKILLs of a random instance, each restarted at once; "
                    + "--broker-restarts stops of the broker, which starts again --broker-down later on the same data and port; "
                    + "and bad frames of every dead-letter kind (corrupt JPEG, truncated, lying and absurd dimensions, "
                    + "too many scans, unknown content type, missing and bad headers, missing key, empty, too large) mixed "
                    + "into the first camera's stream.",
            "The audit, when the cameras have stopped and the app has caught up, reads with isolation.level=read_committed: "
                    + "every camera frame has exactly one verdict, every DEFECT/UNKNOWN verdict exactly one alert, every bad "
                    + "frame is in frames.dlq with its expected reason, and no camera frame is there.",
            "The longest stall (maxStallMs): per frames partition, the longest stretch in which a frame of that partition was waiting and no "
                    + "output (verdict or dead letter) of that partition became visible to a read_committed consumer; "
                    + "the run also names the longest after a kill and after a broker restart.",
            "Progress lines go to stdout (to stderr with --json). Exit status: 0 passed, 1 something lost, doubled or "
                    + "misrouted (or an instance died on its own), 2 bad options."},
        footer = {"", "Example: tessera chaos --instances 2 --kills 10 --broker-restarts 2 --duration 12m --json"})
public final class ChaosCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-b", "--bootstrap"}, paramLabel = "HOST:PORT",
            description = "Use this Kafka cluster instead of a local broker (then --broker-restarts must be 0).")
    String bootstrap;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data folder of the local broker, kept afterwards (default: a folder under --work-dir).")
    Path dataDir;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Where the instances' logs and the broker's data go (default: a new temporary folder, printed at the start).")
    Path workDir;

    @Option(names = "--instances", paramLabel = "N", defaultValue = "2",
            description = "Inspect instances, each a JVM of its own, in one consumer group (default: ${DEFAULT-VALUE}).")
    int instances;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "Stream threads per instance (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "4",
            description = "Partitions of the run's topics (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--cameras", paramLabel = "N", defaultValue = "2",
            description = "Simulated 2K cameras (default: ${DEFAULT-VALUE}).")
    int cameras;

    @Option(names = "--fps", paramLabel = "N", defaultValue = "0.5",
            description = "Frames per second per camera (default: ${DEFAULT-VALUE}). Keep the total below the app's capacity "
                    + "(about 1 frame/s per core with fp32), or the run measures a backlog, not the faults.")
    double fps;

    @Option(names = "--duration", paramLabel = "TIME", defaultValue = "3m", converter = DurationConverter.class,
            description = "How long the cameras send, e.g. 90s, 12m (default: ${DEFAULT-VALUE}). No fault in the first 15 s "
                    + "and the last 20 s; each fault needs a slot of at least 20 s.")
    Duration duration;

    @Option(names = "--kills", paramLabel = "N", defaultValue = "3",
            description = "SIGKILLs of a random instance at random times, each restarted at once (default: ${DEFAULT-VALUE}).")
    int kills;

    @Option(names = "--broker-restarts", paramLabel = "N", defaultValue = "1",
            description = "Stops of the local broker, started again on the same data and port (default: ${DEFAULT-VALUE}).")
    int brokerRestarts;

    @Option(names = "--broker-down", paramLabel = "TIME", defaultValue = "5s", converter = DurationConverter.class,
            description = "How long the broker stays stopped at each restart (default: ${DEFAULT-VALUE}).")
    Duration brokerDown;

    @Option(names = "--bad-frames", paramLabel = "ROUNDS", defaultValue = "1",
            description = "Rounds of bad frames, one of each kind per round, at random times (default: ${DEFAULT-VALUE}; 0 for none).")
    int badFrameRounds;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of the fault schedule and the cameras: the same seed, the same schedule (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--drain-timeout", paramLabel = "TIME", defaultValue = "5m", converter = DurationConverter.class,
            description = "How long the app may take to catch up once the cameras stop (default: ${DEFAULT-VALUE}).")
    Duration drainTimeout;

    @Option(names = {"-m", "--model"}, paramLabel = "DIR",
            description = "Model folder (default: model.path of config/stream-app.properties, the shipped model).")
    Path model;

    @Option(names = "--max-frame-bytes", paramLabel = "BYTES", defaultValue = "2097152",
            description = "The instances' frames.max-bytes; the too-large bad frame is one byte more (default: ${DEFAULT-VALUE}, "
                    + "so that it fits a broker's default limits).")
    int maxFrameBytes;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
            description = "A setting for every inspect instance, as 'tessera inspect --set' takes it, e.g. "
                    + "kafka.consumer.session.timeout.ms=45000. Repeatable.")
    Map<String, String> set = new LinkedHashMap<>();

    @Option(names = "--json", description = "Print the report as one JSON object on stdout: frames, verdicts, duplicates, "
            + "missing, alertsMissing, alertsDuplicated, dlqExpected, dlqFound, dlqWrongReason, kills, brokerRestarts, "
            + "maxStallMs, passed, and a few more.")
    boolean json;

    private final Clock clock;

    public ChaosCommand() {
        this(Clock.systemUTC());
    }

    public ChaosCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter progress = json ? err : out;
        ChaosSettings settings;
        try {
            if (maxFrameBytes < 1024 * 1024 || maxFrameBytes > 16 * 1024 * 1024) {
                throw new IllegalArgumentException("--max-frame-bytes must be 1 MiB to 16 MiB, got " + maxFrameBytes);
            }
            settings = new ChaosSettings(bootstrap, dataDir, workDir, instances, threads, partitions, cameras, fps, duration, kills,
                    brokerRestarts, brokerDown, badFrameRounds, seed, drainTimeout, modelDir(), maxFrameBytes, set);
            // the schedule's own checks (a --duration too short for the faults) before anything starts
            ChaosSchedule.plan(kills, brokerRestarts, instances, badFrameRounds, duration, ChaosSettings.WARM_UP,
                    ChaosSettings.TAIL, new java.util.Random(seed));
        } catch (IllegalArgumentException e) {
            err.println("tessera chaos: " + e.getMessage());
            return 2;
        }
        ChaosRun run = new ChaosRun(settings, instanceJava(), clock, line -> {
            progress.println(line);
            progress.flush();
        });
        ChaosReport report;
        try {
            report = run.run();
        } catch (IllegalStateException e) {
            err.println("tessera chaos: " + e.getMessage());
            return 1;
        }
        if (json) {
            // the people's version beside the script's: stderr carries the progress lines too
            progress.println();
            progress.print(report.toText());
            progress.flush();
            out.println(report.toJson());
        } else {
            out.println();
            out.print(report.toText());
        }
        out.flush();
        return report.passed() ? 0 : 1;
    }

    /** The java command of an instance: this JVM's java and classpath, the native and offline settings it runs with. */
    static List<String> instanceJava() {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx2g");
        // the log levels too: TESSERA_JAVA_OPTS="-Dkafka.log.level=INFO" shows what the instances' clients did
        for (String p : new String[] {"java.library.path", "org.bytedeco.javacpp.cachedir", "ai.djl.offline", "tessera.root",
                "kafka.log.level", "tessera.log.level"}) {
            if (System.getProperty(p) != null) {
                cmd.add("-D" + p + "=" + System.getProperty(p));
            }
        }
        // quiet like the tessera command: Tessera at INFO, clients at WARN
        cmd.add("-Dlog4j2.configurationFile=classpath:io/tessera/launcher/log4j2-cli.xml");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        return cmd;
    }

    /** The model folder: --model, else the configured default, looked up from here and then from the project root. */
    private Path modelDir() {
        Path dir = model != null ? model : Path.of(ConfigLoader.defaults().get("model.path"));
        if (!dir.isAbsolute() && !Files.isDirectory(dir)) {
            String root = System.getProperty("tessera.root");
            if (root != null && Files.isDirectory(Path.of(root).resolve(dir))) {
                return Path.of(root).resolve(dir).toAbsolutePath();
            }
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no model folder at " + dir.toAbsolutePath()
                    + "; give one with --model (a folder holding a SavedModel and model-card.json)");
        }
        return dir.toAbsolutePath();
    }
}

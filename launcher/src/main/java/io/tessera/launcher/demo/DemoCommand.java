package io.tessera.launcher.demo;

import io.tessera.stream.app.ClassifierFactory;
import io.tessera.stream.app.TensorFlowClassifiers;
import io.tessera.stream.config.ConfigLoader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tessera demo}: a whole inspection line on this machine in one command. Starts a local
 * Kafka broker (or uses {@code --bootstrap}), the inspection app with the shipped model and its
 * live dashboard, and simulated 2K cameras on two lines; prints where to look; Ctrl-C stops
 * everything, the broker's child JVM included.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Runs a whole inspection line on this machine: a local Kafka broker, the inspection app with the shipped "
                    + "model, its live dashboard and simulated 2K cameras on two lines.",
            "Open the printed dashboard address in a browser. Ctrl-C stops everything and leaves no process behind."})
public final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-b", "--bootstrap"}, paramLabel = "HOST:PORT",
            description = "Use this Kafka cluster instead of starting a local broker. The topics are created when missing; "
                    + "the inspection app joins as group '" + DemoStack.APPLICATION_ID + "'.")
    String bootstrap;

    @Option(names = "--lines", paramLabel = "N", defaultValue = "2",
            description = "Production lines to simulate (default: ${DEFAULT-VALUE}).")
    int lines;

    @Option(names = "--cameras", paramLabel = "N", defaultValue = "1",
            description = "Simulated 2K cameras per line (default: ${DEFAULT-VALUE}).")
    int cameras;

    @Option(names = "--fps", paramLabel = "N",
            description = "Frames per second per camera. Default: fitted to this machine: the model's capacity is measured "
                    + "at start (a few seconds on sample tiles, in the serving precision) and the cameras together offer "
                    + "about 60%% of it; the capacity, the rate and why are printed. A 2K frame is 45 tiles.")
    Double fps;

    @Option(names = "--duration", paramLabel = "TIME",
            description = "Stop after this long, e.g. 90s, 10m, PT1H (default: run until Ctrl-C).")
    String duration;

    @Option(names = {"-m", "--model"}, paramLabel = "DIR",
            description = "Model folder (default: model.path of config/stream-app.properties, the shipped model).")
    Path model;

    @Option(names = "--precision", paramLabel = "auto|fp32|bf16|fp16", defaultValue = "auto",
            description = "Inference precision (default: ${DEFAULT-VALUE}: the fastest precision that scores the model's reference "
                    + "tiles like fp32 and is at least 1.3x faster, else fp32).")
    String precision;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "Dashboard port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Dashboard address (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for every interface).")
    String bind;

    @Option(names = "--topic-prefix", paramLabel = "PREFIX", defaultValue = "",
            description = "Prefix of the topic names, to keep the demo apart on a shared cluster (default: none).")
    String topicPrefix;

    @Option(names = "--defect-rate", paramLabel = "0-1", defaultValue = "0.2",
            description = "Share of simulated frames that show pitting (default: ${DEFAULT-VALUE}).")
    double defectRate;

    @Option(names = "--gate",
            description = "Also run './tessera gate' for every line (pass-signal, Modbus TCP on a free loopback port) with a"
                    + " simulated PLC that learns each part from its camera; their figures go to /metrics (tessera_gate_*) and"
                    + " are printed when the demo stops. Needs --cameras 1.")
    boolean gate;

    private final ClassifierFactory classifiers;
    private final Clock clock;
    private final CountDownLatch stop = new CountDownLatch(1);

    public DemoCommand() {
        this(TensorFlowClassifiers::load, Clock.systemUTC());
    }

    /** For tests: another model loader and clock. */
    public DemoCommand(ClassifierFactory classifiers, Clock clock) {
        this.classifiers = classifiers;
        this.clock = clock;
    }

    /** Ends a running demo as Ctrl-C does. */
    public void stop() {
        stop.countDown();
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DemoSettings settings;
        try {
            settings = new DemoSettings(bootstrap, lines, cameras, fps, duration == null ? null : parseDuration(duration),
                    modelDir(), precision, bind, port, topicPrefix, defectRate, gate);
        } catch (IllegalArgumentException e) {
            err.println("tessera demo: " + e.getMessage());
            return 2;
        }
        CountDownLatch closed = new CountDownLatch(1);
        // Ctrl-C or SIGTERM: stop in order, and keep the JVM up until the broker's JVM has gone too.
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                closed.await(90, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "tessera-demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        long started = System.nanoTime();
        try (DemoStack stack = DemoStack.start(settings, classifiers, clock, what -> {
            out.println("  " + what + " ...");
            out.flush();
        })) {
            printBanner(out, stack, settings, Duration.ofNanos(System.nanoTime() - started));
            int code = awaitEnd(stack, settings, err);
            stack.gates().ifPresent(g -> g.figures().forEach(out::println));
            out.println("stopping ...");
            out.flush();
            return code;
        } catch (IllegalStateException | IllegalArgumentException e) {
            err.println("tessera demo: " + e.getMessage());
            return 1;
        } finally {
            closed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down (Ctrl-C): the hook is running
            }
            out.println("stopped");
            out.flush();
        }
    }

    private int awaitEnd(DemoStack stack, DemoSettings settings, PrintWriter err) throws InterruptedException {
        long deadline = settings.duration() == null ? Long.MAX_VALUE : System.nanoTime() + settings.duration().toNanos();
        while (!stop.await(500, TimeUnit.MILLISECONDS)) {
            if (stack.service().state() == KafkaStreams.State.ERROR) {
                err.println("tessera demo: the inspection app failed; see the log");
                return 1;
            }
            if (!stack.camerasRunning()) {
                err.println("tessera demo: the simulated cameras stopped; see the log");
                return 1;
            }
            if (System.nanoTime() >= deadline) {
                break;
            }
        }
        return 0;
    }

    private static void printBanner(PrintWriter out, DemoStack stack, DemoSettings s, Duration startup) {
        out.println();
        out.printf("Tessera demo running (started in %.1f s)%n", startup.toMillis() / 1000.0);
        out.println("  dashboard:  " + stack.dashboardUrl());
        out.println("  metrics:    " + stack.dashboardUrl().resolve("/metrics"));
        out.println("  kafka:      " + stack.bootstrap() + (stack.localBroker() ? " (local broker, stopped with the demo)" : ""));
        out.println("  topics:     " + String.join(", ", stack.topics().names()));
        out.printf("  cameras:    %d line(s) x %d camera(s), %dx%d at %s frames/s each%s%n", s.lines(), s.cameras(),
                DemoStack.WIDTH, DemoStack.HEIGHT, DemoRate.format(stack.fps()), s.fps() == null ? "" : " (--fps)");
        if (stack.rate() != null) {
            out.println("  rate:       " + stack.rate().explanation());
        }
        out.println("  model:      " + stack.service().card().name() + " " + stack.service().card().version());
        stack.gates().ifPresent(g -> g.describe().forEach(line -> out.println("  gate:       " + line)));
        out.println(s.duration() == null ? "Press Ctrl-C to stop."
                : "Press Ctrl-C to stop (the demo also stops by itself after " + s.duration().toString().substring(2).toLowerCase(Locale.ROOT) + ").");
        out.println();
        out.flush();
    }

    /** The model folder: --model, else the configured default, looked up from here and then from the project root. */
    private Path modelDir() {
        Path dir = model != null ? model : Path.of(ConfigLoader.defaults().get("model.path"));
        if (!dir.isAbsolute() && !Files.isDirectory(dir)) {
            String root = System.getProperty("tessera.root");
            if (root != null && Files.isDirectory(Path.of(root).resolve(dir))) {
                return Path.of(root).resolve(dir);
            }
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no model folder at " + dir.toAbsolutePath()
                    + "; give one with --model (a folder holding a SavedModel and model-card.json)");
        }
        return dir;
    }

    /** 90s, 10m, 2h or ISO-8601 (PT1M30S). */
    static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("pt") || t.startsWith("p")) {
                return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> throw new IllegalArgumentException();
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--duration must look like 90s, 10m, 2h or PT1M30S, got '" + text + "'");
        }
    }
}

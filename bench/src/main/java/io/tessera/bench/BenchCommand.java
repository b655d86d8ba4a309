package io.tessera.bench;

import io.tessera.bench.Bench;
import io.tessera.bench.BenchFormat;
import io.tessera.bench.BenchPlan;
import io.tessera.bench.BenchReport;
import io.tessera.model.serving.Precision;
import io.tessera.stream.app.ClassifierFactory;
import io.tessera.stream.app.TensorFlowClassifiers;
import io.tessera.stream.config.ConfigException;
import io.tessera.stream.config.ConfigLoader;
import io.tessera.stream.config.StreamAppConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tessera bench}: model alone vs the whole pipeline, in one run on this machine. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Measures, in one run on this machine: (a) the model alone, classifying batches of real tiles with no Kafka "
                    + "(measured before and after (b), the better figures kept); "
                    + "(b) the whole pipeline, simulated 2K frames through a Kafka broker and the inspection topology. "
                    + "Prints tiles/s of both and their ratio (goal: 0.9 or more), the speedup of dynamic batching over "
                    + "classifying tile by tile, the batch-size distribution, and frame latency p50/p95/p99 from capture "
                    + "to verdict with cameras at a steady rate below the measured capacity; "
                    + "(c) the cost of each stage of one frame (decode, tile, infer; CPU and wall time); "
                    + "(d) goodput: frames a second that get a real decision with cameras at 2x and 7x the measured capacity "
                    + "and the budget on (goal: at least 0.8 of the capacity). Takes about five minutes with the defaults on 2 cores; "
                    + "progress goes to stderr.",
            "",
            "Starts a local broker unless --bootstrap is given (then it creates and leaves bench-* topics there). "
                    + "Stream-app settings (batching, tiling, threads) come from the same places as for 'inspect'.",
            ""})
public final class BenchCommand implements Callable<Integer> {

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON object (modelTilesPerSec, pipelineTilesPerSec, ratio, "
            + "latencyMs {p50, p95, p99}, batchingSpeedup, batchSizes, servedPrecision, precisionReason, machine, "
            + "stageCost, goodput, ...) instead of text.")
    private boolean json;

    @Option(names = "--precision", split = ",", paramLabel = "auto|fp32|bf16|fp16",
            description = "Precision(s) to measure; a list such as fp32,bf16 compares them in one run (default: model.precision).")
    private List<String> precisions = new ArrayList<>();

    @Option(names = {"-m", "--model"}, paramLabel = "DIR", description = "Model folder (model.path).")
    private Path model;

    @Option(names = {"-b", "--bootstrap"}, paramLabel = "HOST:PORT",
            description = "Use this Kafka cluster instead of starting a local broker.")
    private String bootstrap;

    @Option(names = "--frames", paramLabel = "N", defaultValue = "40",
            description = "Frames in the throughput backlog (default ${DEFAULT-VALUE}).")
    private int frames;

    @Option(names = "--latency-seconds", paramLabel = "S", defaultValue = "30",
            description = "Seconds of steady camera traffic for the latency figures; 0 skips them (default ${DEFAULT-VALUE}).")
    private int latencySeconds;

    @Option(names = "--latency-frames", paramLabel = "N", defaultValue = "100",
            description = "Frames the latency pass sends at least: it runs longer than --latency-seconds where the rate "
                    + "is too low for that many, since a p99 of fewer frames is only their maximum (default ${DEFAULT-VALUE}).")
    private int latencyFrames;

    @Option(names = "--latency-load", paramLabel = "F", defaultValue = "0.7",
            description = "Steady rate as a fraction of the measured capacity (default ${DEFAULT-VALUE}).")
    private double latencyLoad;

    @Option(names = "--cameras", paramLabel = "N", defaultValue = "2",
            description = "Simulated cameras (default ${DEFAULT-VALUE}).")
    private int cameras;

    @Option(names = "--model-seconds", paramLabel = "S", defaultValue = "6",
            description = "Seconds per model-alone measurement, at least (default ${DEFAULT-VALUE}).")
    private int modelSeconds;

    @Option(names = "--overload", split = ",", paramLabel = "X",
            description = "Offered loads, as multiples of the measured capacity, for the goodput figures; 0 skips them "
                    + "(default: 2,7).")
    private List<Double> overload = new ArrayList<>(List.of(2.0, 7.0));

    @Option(names = "--overload-seconds", paramLabel = "S", defaultValue = "30",
            description = "Seconds counted at each overload, after a warm-up (default ${DEFAULT-VALUE}).")
    private int overloadSeconds;

    @Option(names = "--overload-warmup-seconds", paramLabel = "S", defaultValue = "10",
            description = "Seconds at each overload before frames are counted (default ${DEFAULT-VALUE}).")
    private int overloadWarmupSeconds;

    @Option(names = "--stage-frames", paramLabel = "N", defaultValue = "100",
            description = "Frames for the per-stage cost and the spread of the model call alone, whose p99 is the floor "
                    + "under the pipeline's latency p99; 0 skips it (default ${DEFAULT-VALUE}: a p99 of fewer is their maximum).")
    private int stageFrames;

    @Option(names = "--size", paramLabel = "WxH", defaultValue = "2048x1080",
            description = "Frame size (default ${DEFAULT-VALUE}).")
    private String size;

    @Option(names = "--config", paramLabel = "FILE", description = "Stream-app properties file, as for 'inspect'.")
    private Path configFile;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
            description = "Any stream-app setting, e.g. batch.max-size=16 or kafka.num.stream.threads=3. Repeatable.")
    private Map<String, String> settings = new LinkedHashMap<>();

    private final ClassifierFactory classifiers;

    public BenchCommand() {
        this(TensorFlowClassifiers::load);
    }

    public BenchCommand(ClassifierFactory classifiers) {
        this.classifiers = classifiers;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        StreamAppConfig config;
        BenchPlan plan;
        List<Precision> chosen = new ArrayList<>();
        try {
            Map<String, String> flags = new LinkedHashMap<>(settings);
            if (model != null) {
                flags.put("model.path", model.toString());
            }
            config = ConfigLoader.load(configFile, System.getenv(), flags);
            String[] wh = size.toLowerCase(Locale.ROOT).split("x");
            if (wh.length != 2) {
                throw new IllegalArgumentException("--size must be WIDTHxHEIGHT, got '" + size + "'");
            }
            plan = new BenchPlan(frames, Duration.ofSeconds(latencySeconds), latencyFrames, latencyLoad, cameras,
                    Duration.ofSeconds(modelSeconds), Integer.parseInt(wh[0]), Integer.parseInt(wh[1]),
                    overload.stream().filter(x -> x != 0).toList(), Duration.ofSeconds(overloadWarmupSeconds),
                    Duration.ofSeconds(overloadSeconds), stageFrames);
            if (precisions.isEmpty()) {
                chosen.add(config.precision());
            }
            for (String p : precisions) {
                chosen.add(p.equalsIgnoreCase("auto") ? null : Precision.parse(p));
            }
        } catch (ConfigException | IllegalArgumentException e) {
            err.println("tessera bench: " + e.getMessage());
            return 2;
        }
        List<BenchReport> reports = new Bench(config, plan, classifiers, Clock.systemUTC()).run(bootstrap, chosen);
        if (json) {
            out.println(BenchFormat.json(reports));
            out.flush();
        } else {
            BenchFormat.text(reports, out);
        }
        // figures for at least one precision: a run; none at all: a failure, whose reasons were just printed
        return reports.stream().allMatch(BenchReport::failed) ? 1 : 0;
    }
}

package io.tessera.launcher.teachin;

import io.tessera.ingest.recording.RecordingReader;
import io.tessera.model.ModelCard;
import io.tessera.model.eval.TeachInThreshold;
import io.tessera.model.eval.WilsonInterval;
import io.tessera.protocol.CameraThreshold;
import io.tessera.protocol.ModelDeployment;
import io.tessera.stream.app.ClassifierFactory;
import io.tessera.stream.app.OfflineInspection;
import io.tessera.stream.app.TensorFlowClassifiers;
import io.tessera.stream.cli.SiteOptions;
import io.tessera.stream.config.StreamAppConfig;
import io.tessera.stream.deploy.ModelDeployments;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tessera model teach-in}: a camera's own threshold from a recording of known-good parts, published to the running app. */
@Command(name = "teach-in", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Teaches a newly installed camera its own decision threshold from a recording of known-good parts.",
            "Every frame of the camera in the recording is validated, decoded, tiled and scored as 'inspect' does it (tiling.*, inspection.decode-reduced), by the model"
                    + " the application serves (--model, else the model deployed to the application, else model.path), at the"
                    + " precision the application serves at (model.precision, default auto). The threshold is set"
                    + " --margin logit units above the highest good score that must pass (at most --target-frr of the good"
                    + " frames may reach it), then held within [--floor, --ceiling].",
            "It is published to the compacted topic <prefix>thresholds, keyed <application-id>/<camera-id>. Every instance of"
                    + " the application decides the camera's next frames at it, with no restart, as long as the model that scores"
                    + " them is the one it was taught on (name and version); after a model deploy, teach the camera again."
                    + " model.threshold, when set, wins over any teach-in. Verdicts say which applied (thresholdSource).",
            "A recording holding another camera's frames too needs --camera; frames labelled DEFECT (tessera.truth) are refused.",
            "Exit status: 0 done, 2 a bad option or recording, 1 Kafka cannot be reached.",
            ""},
        footer = {"", "Examples:",
            "  tessera record --topic frames --out cam-7-setup --from beginning --until-end",
            "  tessera model teach-in --recording cam-7-setup --camera cam-7 --dry-run",
            "  tessera model teach-in --recording cam-7-setup --camera cam-7 --application-id tessera-inspect",
            "  tessera model teach-in --camera cam-7 --forget            # back to the model's threshold"})
public final class TeachInCommand implements Callable<Integer> {
    private static final Duration DEPLOYMENT_LOOKUP = Duration.ofSeconds(10);

    @Spec
    private CommandSpec spec;

    @Option(names = {"-r", "--recording"}, paramLabel = "FOLDER",
            description = "Recording of known-good parts at the station ('tessera record' or 'tessera record-folder').")
    private Path recording;

    @Option(names = {"-c", "--camera"}, paramLabel = "ID",
            description = "The camera to teach (the frames' record key); needed when the recording holds several.")
    private String camera;

    @Option(names = {"-m", "--model"}, paramLabel = "DIR",
            description = "The model to score with (default: the model deployed to the application, else model.path)."
                    + " It must be the one that serves, or the threshold is not applied.")
    private Path model;

    @Option(names = "--target-frr", paramLabel = "RATE", defaultValue = "0.005",
            description = "Share of the good frames allowed to reach the threshold (default ${DEFAULT-VALUE}).")
    private double targetFrr;

    @Option(names = "--margin", paramLabel = "LOGITS", defaultValue = "1.0",
            description = "Logit units between the highest good score that must pass and the threshold (default ${DEFAULT-VALUE}).")
    private double margin;

    @Option(names = "--floor", paramLabel = "P", defaultValue = "0.5",
            description = "Lowest threshold teach-in may set (default ${DEFAULT-VALUE}).")
    private double floor;

    @Option(names = "--ceiling", paramLabel = "P", defaultValue = "0.999",
            description = "Highest threshold teach-in may set (default ${DEFAULT-VALUE}).")
    private double ceiling;

    @Option(names = "--min-frames", paramLabel = "N", defaultValue = "10",
            description = "Fewest good frames teach-in accepts (default ${DEFAULT-VALUE}).")
    private int minFrames;

    @Option(names = "--dry-run", description = "Print what teach-in finds; publish nothing.")
    private boolean dryRun;

    @Option(names = "--forget", description = "Publish a tombstone for --camera: its frames are decided at the model's"
            + " threshold again. Needs no recording.")
    private boolean forget;

    @Mixin
    private SiteOptions site;

    private final ClassifierFactory classifiers;
    private final Clock clock;

    public TeachInCommand() {
        this(TensorFlowClassifiers::load, Clock.systemUTC());
    }

    /** @param clock stamps the record's calibratedAt */
    public TeachInCommand(ClassifierFactory classifiers, Clock clock) {
        this.classifiers = classifiers;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return site.run("model teach-in", err, config -> forget ? forget(config, out) : teach(config, out, err));
    }

    private int forget(StreamAppConfig config, PrintWriter out) {
        if (camera == null) {
            throw new IllegalArgumentException("--forget needs --camera: the camera whose taught threshold to forget");
        }
        if (recording != null) {
            throw new IllegalArgumentException("--forget takes no --recording");
        }
        ThresholdPublisher publisher = new ThresholdPublisher(config);
        if (dryRun) {
            out.printf("dry run: would forget %s on %s%n", publisher.key(camera), publisher.topic());
            return 0;
        }
        publisher.forget(camera);
        out.printf("forgot the taught threshold of %s (tombstone on %s): its frames are decided at the model's threshold%n",
                publisher.key(camera), publisher.topic());
        return 0;
    }

    private int teach(StreamAppConfig config, PrintWriter out, PrintWriter err) {
        if (recording == null) {
            throw new IllegalArgumentException("--recording is required (or --forget with --camera)");
        }
        TeachInThreshold rule;
        try {
            rule = new TeachInThreshold(targetFrr, margin, floor, ceiling, minFrames);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--target-frr/--margin/--floor/--ceiling/--min-frames: " + e.getMessage(), e);
        }
        CameraFrames frames;
        Path dir = recording.toAbsolutePath().normalize();
        try {
            frames = CameraFrames.of(RecordingReader.open(dir), camera);
        } catch (IOException e) {
            throw new IllegalArgumentException("--recording " + recording + ": " + e.getMessage(), e);
        }
        Path modelDir = modelDir(config);
        TeachIn.Taught taught;
        String precision;
        double cardThreshold;
        try (OfflineInspection inspection = OfflineInspection.start(config.withModel(modelDir, config.precision()),
                classifiers, clock)) {
            ModelCard card = inspection.card();
            precision = inspection.servingPrecision().precision();
            cardThreshold = card.threshold();
            err.printf("scoring %d frames of %s with %s %s (%s)%n", frames.frames().size(), frames.cameraId(),
                    card.name(), card.version(), precision);
            taught = new TeachIn(rule, clock).run(frames, inspection, card, dir.toString(), n -> {
                if (n % 5 == 0 || n == frames.frames().size()) {
                    err.printf("  scored %d/%d%n", n, frames.frames().size());
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while scoring the recording", e);
        }
        print(out, config, taught, modelDir, precision, cardThreshold);
        if (dryRun) {
            out.println("dry run: nothing published");
            return 0;
        }
        ThresholdPublisher publisher = new ThresholdPublisher(config);
        publisher.publish(taught.threshold());
        out.printf("published to %s as %s: instances of %s decide %s at %.4f from their next frame, while they serve %s %s%n",
                publisher.topic(), publisher.key(frames.cameraId()), config.applicationId(), frames.cameraId(),
                taught.threshold().threshold(), taught.threshold().model().name(), taught.threshold().model().version());
        return 0;
    }

    /** --model, else the model deployed to the application, else model.path: the model whose scores the threshold is for. */
    private Path modelDir(StreamAppConfig config) {
        if (model != null) {
            return model.toAbsolutePath().normalize();
        }
        return ModelDeployments.active(config, DEPLOYMENT_LOOKUP).map(ModelDeployment::modelPath).map(Path::of)
                .orElse(config.modelPath());
    }

    private void print(PrintWriter out, StreamAppConfig config, TeachIn.Taught taught, Path modelDir, String precision,
            double cardThreshold) {
        CameraThreshold t = taught.threshold();
        double[] s = taught.scores();
        out.printf(Locale.ROOT, "teach-in of camera %s (application %s) from %s%n", t.cameraId(), config.applicationId(),
                t.recording());
        out.printf(Locale.ROOT, "  model        %s %s (%s, %s)%n", t.model().name(), t.model().version(), modelDir, precision);
        out.printf(Locale.ROOT, "  good frames  %d%n", t.goodFrames());
        out.printf(Locale.ROOT, "  scores       lowest %.4f, median %.4f, highest %.4f%n", s[0], taught.median(), s[s.length - 1]);
        out.printf(Locale.ROOT, "  threshold    %.4f (%s logit above %.4f, the highest good score that must pass at a"
                + " target false-reject rate of %s%s)%n", t.threshold(), margin, taught.fit().highestPassingScore(),
                t.targetFalseRejectRate(), taught.fit().bounded() ? "; held within [" + floor + ", " + ceiling + "]" : "");
        WilsonInterval evidence = taught.fit().falseRejectEvidence();
        double target = t.targetFalseRejectRate();
        out.printf(Locale.ROOT, "  evidence     %d of %d good frames at or above it: the camera's false-reject rate is"
                + " %.1f-%.1f%% (95%%)%s%n", evidence.successes(), evidence.trials(), evidence.lower() * 100,
                evidence.upper() * 100, target > 0 ? String.format(Locale.ROOT, "; showing %s%% would take %d good frames"
                        + " with none rejected", target * 100, TeachInThreshold.goodImagesToShow(target)) : "");
        out.printf(Locale.ROOT, "  model's      %.4f (its card's; what the camera's frames are decided at without teach-in,"
                + " unless a deployment set another)%n", cardThreshold);
    }
}

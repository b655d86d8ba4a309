package io.tessera.launcher.compare;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tessera.ingest.recording.RecordingReader;
import io.tessera.stream.app.ClassifierFactory;
import io.tessera.stream.app.OfflineInspection;
import io.tessera.stream.app.TensorFlowClassifiers;
import io.tessera.stream.config.ConfigException;
import io.tessera.stream.config.ConfigLoader;
import io.tessera.stream.config.StreamAppConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tessera model compare}: two models on one recording, without a broker, and an optional promotion gate. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Replays a recording through two models, A (the first --model, the baseline) and B (the second, the candidate),"
                    + " each frame exactly as 'tessera inspect' judges it: the same validation, decoding, tiling from each"
                    + " model's card, batcher and decision rule at each model's threshold. No broker is needed and there is no"
                    + " time budget, so no frame is answered UNKNOWN late because this machine is busy.",
            "",
            "The report: agreement over the frames both decided; flips OK->DEFECT and DEFECT->OK with each frame"
                    + " (camera/line seq) and the tile boxes (x,y WxH in frame pixels, with the model's score) only one model"
                    + " flags; frames both call DEFECT but on other tiles; and, where the frames carry ground truth"
                    + " (tessera.truth), each model's false-reject rate, escape rate and ROC AUC with 95%% intervals (Wilson;"
                    + " Hanley-McNeil for the AUC), 'n/a' otherwise. Progress goes to stderr.",
            "",
            "Settings come from config/stream-app.properties, --config FILE, TESSERA_INSPECT_<KEY> variables and --set, as for"
                    + " 'inspect' (tiling.*, inspection.decode-reduced, frames.*, batch.*), for both models.",
            "",
            "--require \"RULES\" is a promotion gate on B, checked in CI: RULE[,RULE...] with RULE = METRIC OP NUMBER,"
                    + " OP one of <= < >= >, NUMBER a decimal number or, for a rate, a percentage (5%% = 0.05). Rates are"
                    + " fractions. Metrics:",
            "  escape, frr, auc      B's escape rate, false-reject rate, ROC AUC",
            "  escape-upper          upper bound of the 95%% interval of B's escape rate",
            "  frr-upper             upper bound of the 95%% interval of B's false-reject rate",
            "  escape-change, frr-change, auc-change",
            "                        B's figure minus A's, e.g. escape-change<=0",
            "  flips                 frames whose decision flipped, either way",
            "  flips-to-defect       frames A passed and B rejects (OK->DEFECT)",
            "  flips-to-ok           frames A rejected and B passes (DEFECT->OK)",
            "  agreement             share of the frames both decided on which A and B agree",
            "  unknown               frames B answered UNKNOWN (its model failed on them)",
            "A rule on a figure the recording cannot give (no ground truth) fails.",
            "",
            "Exit status: 0 done (and every rule passed), 1 B fails a --require rule (the rules that failed are printed),"
                    + " 2 a usage error: a bad option or rule, an unreadable recording, a model that does not load.",
            ""},
        footer = {"", "Examples:",
            "  tessera record-folder --data samples/bsdata --out rec1",
            "  tessera model compare --recording rec1 --model models/shipped/pitting-resnet34 \\",
            "      --model models/shipped/pitting-resnet34 --threshold-b 0.5 --require \"escape<=0.05,frr<=0.01,flips<=2\"",
            "  tessera model compare --recording rec1 --model old --model new --json --html report.html"})
public final class CompareCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-r", "--recording"}, paramLabel = "FOLDER", required = true,
            description = "Recording to replay ('tessera record' or 'tessera record-folder').")
    private Path recording;

    @Option(names = {"-m", "--model"}, paramLabel = "DIR", required = true, arity = "1",
            description = "Model folder (SavedModel + model-card.json); give it twice: first A, the baseline, then B, the candidate."
                    + " The same folder twice compares thresholds or precisions.")
    private List<Path> models;

    @Option(names = "--threshold-a", paramLabel = "P",
            description = "A's decision threshold (model.threshold for A; default: its card's).")
    private String thresholdA;

    @Option(names = "--threshold-b", paramLabel = "P",
            description = "B's decision threshold (model.threshold for B; default: its card's).")
    private String thresholdB;

    @Option(names = "--precision", paramLabel = "auto|fp32|bf16|fp16",
            description = "Inference precision of both (model.precision; default auto, as 'inspect').")
    private String precision;

    @Option(names = "--require", paramLabel = "RULES",
            description = "Promotion rules on B, e.g. \"escape<=0.05,frr<=0.01,flips<=3\" (grammar and metrics above); exit 1"
                    + " when one fails.")
    private String require;

    @Option(names = "--json", description = "Print one JSON object (fields in README, 'Comparing two models') instead of text.")
    private boolean json;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write the report as one self-contained HTML page.")
    private Path html;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file overriding config/stream-app.properties.")
    private Path configFile;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
            description = "Any setting of config/stream-app.properties, for both models, e.g. tiling.edge-policy=pad. Repeatable.")
    private Map<String, String> settings = new LinkedHashMap<>();

    private final ClassifierFactory classifiers;

    public CompareCommand() {
        this(TensorFlowClassifiers::load);
    }

    public CompareCommand(ClassifierFactory classifiers) {
        this.classifiers = classifiers;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Requirement> rules;
        try {
            rules = require == null ? List.of() : Requirement.parseAll(require);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (models.size() != 2) {
            throw new ParameterException(spec.commandLine(), "--model must be given exactly twice (A, the baseline, then B, the"
                    + " candidate); got " + models.size());
        }
        StreamAppConfig configA = config("A", models.get(0), thresholdA, "--threshold-a");
        StreamAppConfig configB = config("B", models.get(1), thresholdB, "--threshold-b");
        RecordingReader reader;
        try {
            reader = RecordingReader.open(recording);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "--recording: " + e.getMessage(), e);
        }
        if (html != null && html.toAbsolutePath().getParent() != null && !Files.isDirectory(html.toAbsolutePath().getParent())) {
            throw new ParameterException(spec.commandLine(), "--html " + html + ": folder " + html.toAbsolutePath().getParent()
                    + " does not exist");
        }

        Comparison comparison;
        try (OfflineInspection a = load(configA, "A");
             OfflineInspection b = load(configB, "B")) {
            err.printf("replaying %d frames of %s through A and B%n", reader.size(), recording);
            err.flush();
            List<FramePair> frames = new RecordingComparer(a, b).replay(reader, new ProgressLine(err));
            comparison = new Comparison(recording, side("A", a), side("B", b), frames);
        } catch (ModelLoadFailed e) {
            err.println("tessera model compare: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }

        List<RuleResult> results = rules.stream().map(r -> r.check(comparison)).toList();
        if (json) {
            out.println(JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                    .writeValueAsString(JsonReport.of(comparison, results)));
        } else {
            out.print(TextReport.of(comparison, results));
        }
        out.flush();
        if (html != null) {
            Files.writeString(html, HtmlReport.of(comparison, results), StandardCharsets.UTF_8);
            err.println("wrote " + html);
        }
        List<RuleResult> failed = results.stream().filter(r -> !r.passed()).toList();
        for (RuleResult r : failed) {
            err.println("tessera model compare: B fails --require rule " + r.rule().text() + ": "
                    + (r.why() != null ? r.why() : "its value is " + TextReport.value(r.rule().metric(), r.value())));
        }
        return failed.isEmpty() ? CommandLine.ExitCode.OK : CommandLine.ExitCode.SOFTWARE;
    }

    /** The inspect app's settings for one side: the shared ones, then its model and threshold. */
    private StreamAppConfig config(String role, Path model, String threshold, String thresholdFlag) {
        Map<String, String> flags = new LinkedHashMap<>(settings);
        flags.put("model.path", model.toString());
        if (precision != null) {
            flags.put("model.precision", precision);
        }
        if (threshold != null) {
            flags.put("model.threshold", threshold);
        }
        try {
            return ConfigLoader.load(configFile, System.getenv(), flags);
        } catch (ConfigException e) {
            String flag = switch (e.key()) {
                case "model.threshold" -> thresholdFlag;
                case "model.precision" -> "--precision";
                case "model.path" -> "--model";
                default -> "--set " + e.key() + "=..., --config or TESSERA_INSPECT_" + ConfigLoader.envName(e.key());
            };
            throw new ParameterException(spec.commandLine(), "model " + role + ": " + e.getMessage() + " (change " + flag + ")");
        }
    }

    private OfflineInspection load(StreamAppConfig config, String role) throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        err.printf("loading %s from %s%n", role, config.modelPath());
        err.flush();
        try {
            return OfflineInspection.start(config, classifiers, Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            throw new ModelLoadFailed("model " + role + " (--model " + config.modelPath() + "): " + e.getMessage());
        }
    }

    private static ModelSide side(String role, OfflineInspection i) {
        String asked = i.config().precision() == null ? "auto" : i.config().precision().label();
        return new ModelSide(role, i.config().modelPath(), i.card().name(), i.card().version(), i.threshold(),
                i.servingPrecision().precision() + " (asked " + asked + ")");
    }

    /** A model that does not load: a usage error naming the model and the setting at fault. */
    private static final class ModelLoadFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ModelLoadFailed(String message) {
            super(message);
        }
    }
}

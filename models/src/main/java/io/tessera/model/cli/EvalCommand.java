package io.tessera.model.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tessera.model.ModelCard;
import io.tessera.model.data.DatasetIndex;
import io.tessera.model.data.LabeledImage;
import io.tessera.model.data.Split;
import io.tessera.model.eval.Evaluation;
import io.tessera.model.eval.EvaluationReport;
import io.tessera.model.eval.ImageScore;
import io.tessera.model.eval.PrecisionRun;
import io.tessera.model.serving.Precision;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tessera model eval}: image-level figures of a model on images it never saw, per precision. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Image-level confusion matrix, ROC AUC, false-reject and escape rates (95%% Wilson intervals,"
            + " with counts) at the model's threshold. An image's score is its highest tile defect probability, from"
            + " the same tiling and aggregation the stream app uses. By default fp32 and bf16 on the same images.")
public final class EvalCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "Model folder (SavedModel + model-card.json).")
    Path model;

    @Option(names = "--data", required = true, description = "Dataset folder (e.g. ../shared/datasets/bsdata or samples/bsdata).")
    Path data;

    @Option(names = "--split", defaultValue = "test", description = "Groups to evaluate: test, validation, train or all (default: ${DEFAULT-VALUE}; samples/bsdata holds test groups only).")
    String split;

    @Option(names = "--precision", defaultValue = "both", description = "auto, fp32, bf16, fp16, a list such as"
            + " fp32,auto, or both (= fp32,bf16) (default: ${DEFAULT-VALUE}). A precision that fails its self-check or the"
            + " images is reported as failed; the others still get figures.")
    String precision;

    @Option(names = "--threshold", description = "Decision threshold instead of the card's.")
    Double threshold;

    @Option(names = "--threads", defaultValue = "0", description = "TensorFlow intra-op threads, 0 = all cores (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Option(names = "--scores", description = "Include every image's score (at the default precision) in the JSON.")
    boolean scores;

    @Option(names = "--record", description = "Also store the figures in the model card (details.evaluation.<split>).")
    boolean record;

    @Override
    public Integer call() throws Exception {
        ModelCard card = ModelCard.read(model);
        double t = threshold == null ? card.threshold() : threshold;
        Split chosen = split.equalsIgnoreCase("all") ? null : Split.parse(split);
        List<LabeledImage> images = DatasetIndex.scan(data).images(chosen);
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no images of split " + split + " in " + data);
        }
        List<Precision> precisions = new ArrayList<>(); // null: auto
        for (String p : (precision.equalsIgnoreCase("both") ? "fp32,bf16" : precision).split(",")) {
            precisions.add(p.trim().equalsIgnoreCase("auto") ? null : Precision.parse(p));
        }
        PrintStream log = json ? System.err : System.out;
        List<PrecisionRun> all = new ArrayList<>();
        for (Precision p : precisions) {
            all.add(PrecisionRun.score(model, p, threads, images, log::println));
        }
        List<PrecisionRun> runs = all.stream().filter(r -> !r.failed()).toList();
        Map<String, Object> failed = new LinkedHashMap<>();
        all.stream().filter(PrecisionRun::failed).forEach(r -> failed.put(r.asked(), r.failure()));
        if (runs.isEmpty()) {
            failed.forEach((p, why) -> System.err.println("tessera model eval: " + p + " failed: " + why));
            if (json) {
                System.out.println(JsonMapper.builder().build().writeValueAsString(Map.of("model", card.name(),
                        "failed", failed)));
            }
            return 1;
        }
        // the headline figures: auto's if asked for (what would serve here), else the first that ran
        PrecisionRun main = runs.stream().filter(r -> r.asked().equals("auto")).findFirst().orElse(runs.get(0));

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", card.name());
        out.put("version", card.version());
        out.put("data", data.toString());
        out.put("split", split.toLowerCase(Locale.ROOT));
        out.put("precision", main.served().precision());
        out.put("precisionReason", main.served().reason());
        out.putAll(EvaluationReport.json(main.evaluate(t)));
        Map<String, Object> byPrecision = new LinkedHashMap<>();
        for (PrecisionRun r : runs) {
            Map<String, Object> m = new LinkedHashMap<>(EvaluationReport.json(r.evaluate(t)));
            m.put("device", r.device());
            m.put("precisionInUse", r.served().precision());
            m.put("precisionReason", r.served().reason());
            m.put("tilesPerSecond", Math.round(r.tilesPerSecond() * 10) / 10.0);
            byPrecision.put(r.asked(), m);
        }
        failed.forEach((p, why) -> byPrecision.put(p, Map.of("failed", why)));
        out.put("byPrecision", byPrecision);
        if (!failed.isEmpty()) {
            out.put("failed", failed);
        }
        if (runs.size() == 2) {
            out.put("precisionComparison", compare(runs.get(0), runs.get(1), t));
        }
        if (scores) {
            out.put("imageScores", main.scores().stream().map(s -> Map.of("image", s.image().fileName(),
                    "class", s.image().className(), "score", s.score(), "tiles", s.tiles())).toList());
        }
        if (json) {
            System.out.println(JsonMapper.builder().build().writeValueAsString(out));
        } else {
            printText(card, t, runs, out);
            failed.forEach((p, why) -> System.out.printf(Locale.ROOT, "%n%s FAILED: %s%n", p, why));
        }
        if (record) {
            Map<String, Object> details = new LinkedHashMap<>(card.details());
            Map<String, Object> evaluation = new LinkedHashMap<>();
            if (details.get("evaluation") instanceof Map<?, ?> previous) {
                previous.forEach((k, v) -> evaluation.put(String.valueOf(k), v));
            }
            Map<String, Object> recorded = new LinkedHashMap<>(out);
            recorded.remove("data");
            evaluation.put(split.toLowerCase(Locale.ROOT), recorded);
            details.put("evaluation", evaluation);
            card.withDetails(details).write(model);
            log.println("recorded in " + model.resolve(ModelCard.FILE_NAME));
        }
        return 0;
    }

    private static Map<String, Object> compare(PrecisionRun a, PrecisionRun b, double threshold) {
        int differ = 0;
        double maxDiff = 0;
        for (int i = 0; i < a.scores().size(); i++) {
            ImageScore x = a.scores().get(i);
            ImageScore y = b.scores().get(i);
            if ((x.score() >= threshold) != (y.score() >= threshold)) {
                differ++;
            }
            maxDiff = Math.max(maxDiff, Math.abs(x.score() - y.score()));
        }
        Evaluation ea = a.evaluate(threshold);
        Evaluation eb = b.evaluate(threshold);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("imagesWithDifferentDecision", differ);
        m.put("maxImageScoreDifference", maxDiff);
        m.put("figuresWithinEachOthersIntervals", ea.falseRejects().overlaps(eb.falseRejects())
                && ea.escapes().overlaps(eb.escapes()));
        m.put("speedup", Math.round(b.tilesPerSecond() / Math.max(a.tilesPerSecond(), 1e-9) * 100) / 100.0);
        return m;
    }

    private void printText(ModelCard card, double t, List<PrecisionRun> runs, Map<String, Object> out) {
        Evaluation first = runs.get(0).evaluate(t);
        System.out.printf(Locale.ROOT, "%nmodel %s %s, threshold %.6f; %s groups of %s: %d images (%d good, %d defect)%n",
                card.name(), card.version(), t, split, data, first.images(), first.goodImages(), first.defectImages());
        for (PrecisionRun r : runs) {
            System.out.printf(Locale.ROOT, "%n%s on %s (%s), %.1f tiles/s%n", r.asked(), r.device(),
                    r.served().reason(), r.tilesPerSecond());
            System.out.print(EvaluationReport.text(r.evaluate(t)));
        }
        if (out.get("precisionComparison") instanceof Map<?, ?> c) {
            System.out.printf(Locale.ROOT, "%n" + runs.get(0).asked() + " vs " + runs.get(1).asked() + ": %s images decided differently, largest score difference"
                    + " %.4f, figures within each other's 95%% intervals: %s, " + runs.get(1).asked() + " speed-up x%s%n",
                    c.get("imagesWithDifferentDecision"), (Double) c.get("maxImageScoreDifference"),
                    c.get("figuresWithinEachOthersIntervals"), c.get("speedup"));
        }
        System.out.println("headline precision: " + out.get("precisionReason"));
    }

    static JsonMapper pretty() {
        return JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    }
}

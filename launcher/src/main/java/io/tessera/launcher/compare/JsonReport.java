package io.tessera.launcher.compare;

import io.tessera.model.eval.AucInterval;
import io.tessera.model.eval.Evaluation;
import io.tessera.protocol.DefectTile;
import io.tessera.protocol.Verdict;
import io.tessera.stream.inspect.Outcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The comparison as one JSON object (fields documented in README, "Comparing two models"). A
 * figure the recording cannot give is null, never NaN, which JSON does not have.
 */
public final class JsonReport {
    private JsonReport() {
    }

    public static Map<String, Object> of(Comparison c, List<RuleResult> rules) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("recording", c.recording().toString());
        m.put("frames", c.frames().size());
        Map<String, Object> models = new LinkedHashMap<>();
        models.put("A", model(c.a(), c.figuresA()));
        models.put("B", model(c.b(), c.figuresB()));
        m.put("models", models);
        m.put("decidedByBoth", c.decidedByBoth().size());
        m.put("agreements", c.agreements());
        m.put("agreementRate", num(c.agreementRate()));
        m.put("flipsToDefect", c.flipsToDefect().stream().map(JsonReport::flip).toList());
        m.put("flipsToOk", c.flipsToOk().stream().map(JsonReport::flip).toList());
        m.put("tileChanges", c.tileChanges().stream().map(JsonReport::flip).toList());
        m.put("otherDifferences", c.otherDifferences().stream().map(f -> {
            Map<String, Object> o = frame(f);
            o.put("a", outcome(f.a()));
            o.put("b", outcome(f.b()));
            return o;
        }).toList());
        m.put("deadLetteredByBoth", c.deadLetteredByBoth().stream().map(f -> {
            Map<String, Object> o = frame(f);
            o.put("reason", ((Outcome.Rejected) f.a()).reason());
            return o;
        }).toList());
        List<Map<String, Object>> checked = new ArrayList<>();
        for (RuleResult r : rules) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("rule", r.rule().text());
            o.put("metric", r.rule().metric().key());
            o.put("op", r.rule().op().symbol());
            o.put("limit", r.rule().limit());
            o.put("value", num(r.value()));
            o.put("passed", r.passed());
            o.put("why", r.why());
            checked.add(o);
        }
        m.put("requirements", checked);
        m.put("passed", rules.isEmpty() ? null : rules.stream().allMatch(RuleResult::passed));
        m.put("frameResults", c.frames().stream().map(f -> {
            Map<String, Object> o = frame(f);
            o.put("a", outcome(f.a()));
            o.put("b", outcome(f.b()));
            return o;
        }).toList());
        return m;
    }

    private static Map<String, Object> model(ModelSide side, ModelFigures f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", side.role().equals("A") ? "baseline" : "candidate");
        m.put("path", side.path().toString());
        m.put("name", side.name());
        m.put("version", side.version());
        m.put("threshold", side.threshold());
        m.put("precision", side.precision());
        m.put("ok", f.ok());
        m.put("defect", f.defect());
        m.put("unknown", f.unknown());
        m.put("deadLettered", f.deadLettered());
        m.put("groundTruth", f.hasGroundTruth() ? truth(f.evaluation()) : null);
        return m;
    }

    private static Map<String, Object> truth(Evaluation e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("okFrames", e.goodImages());
        m.put("defectFrames", e.defectImages());
        m.put("falseRejects", e.falsePositives());
        m.put("falseRejectRate", num(e.falseRejectRate()));
        m.put("falseRejectRateCi95", e.goodImages() == 0 ? null : List.of(e.falseRejects().lower(), e.falseRejects().upper()));
        m.put("escapes", e.falseNegatives());
        m.put("escapeRate", num(e.escapeRate()));
        m.put("escapeRateCi95", e.defectImages() == 0 ? null : List.of(e.escapes().lower(), e.escapes().upper()));
        AucInterval auc = e.aucInterval();
        m.put("auc", num(auc.auc()));
        m.put("aucCi95", Double.isNaN(auc.auc()) ? null : List.of(auc.lower(), auc.upper()));
        return m;
    }

    private static Map<String, Object> flip(Flip f) {
        Map<String, Object> m = frame(f.frame());
        m.put("a", outcome(f.frame().a()));
        m.put("b", outcome(f.frame().b()));
        m.put("onlyA", f.onlyA().stream().map(JsonReport::tile).toList());
        m.put("onlyB", f.onlyB().stream().map(JsonReport::tile).toList());
        return m;
    }

    private static Map<String, Object> frame(FramePair f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", f.index());
        Verdict v = FramePair.verdict(f.a()) != null ? FramePair.verdict(f.a()) : FramePair.verdict(f.b());
        m.put("camera", v == null ? f.key() : v.cameraId());
        m.put("line", v == null ? null : v.lineId());
        m.put("sequence", v == null ? null : v.sequence());
        m.put("truth", f.truth() == null ? null : f.truth().name());
        return m;
    }

    private static Map<String, Object> outcome(Outcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (o instanceof Outcome.Rejected r) {
            m.put("decision", null);
            m.put("deadLetter", r.reason());
            return m;
        }
        Verdict v = FramePair.verdict(o);
        m.put("decision", v.decision().name());
        m.put("reason", v.reason());
        m.put("score", v.defectScore());
        m.put("defectTiles", v.defectTiles().stream().map(JsonReport::tile).toList());
        return m;
    }

    private static Map<String, Object> tile(DefectTile t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("x", t.x());
        m.put("y", t.y());
        m.put("width", t.width());
        m.put("height", t.height());
        m.put("score", t.score());
        return m;
    }

    private static Double num(double v) {
        return Double.isNaN(v) ? null : v;
    }
}

package io.tessera.launcher.compare;

import io.tessera.model.eval.AucInterval;
import io.tessera.model.eval.Evaluation;
import io.tessera.model.eval.WilsonInterval;
import io.tessera.protocol.DefectTile;
import io.tessera.protocol.Verdict;
import io.tessera.stream.inspect.Outcome;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The comparison as text for a terminal or a CI log. */
public final class TextReport {
    private TextReport() {
    }

    public static String of(Comparison c, List<RuleResult> rules) {
        StringBuilder b = new StringBuilder();
        line(b, "recording %s: %d frames", c.recording(), c.frames().size());
        for (ModelSide m : List.of(c.a(), c.b())) {
            line(b, "  %-14s %s %s at threshold %.4f, %s (%s)", m.title(), m.name(), m.version(), m.threshold(), m.precision(),
                    m.path());
        }
        b.append('\n');
        int both = c.decidedByBoth().size();
        line(b, "decided by both    %d of %d frames", both, c.frames().size());
        line(b, "agreement          %s", both == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f%% (%d/%d)",
                100 * c.agreementRate(), c.agreements(), both));
        flips(b, "flips OK->DEFECT  ", c.flipsToDefect());
        flips(b, "flips DEFECT->OK  ", c.flipsToOk());
        List<Flip> moved = c.tileChanges();
        line(b, "both DEFECT, other tiles  %d", moved.size());
        moved.forEach(f -> flipLine(b, f));
        List<FramePair> other = c.otherDifferences();
        if (!other.isEmpty()) {
            line(b, "other differences  %d (UNKNOWN or dead-lettered on one side only)", other.size());
            other.forEach(f -> line(b, "  %s: A %s, B %s", f.label(), outcome(f.a()), outcome(f.b())));
        }
        List<FramePair> dead = c.deadLetteredByBoth();
        if (!dead.isEmpty()) {
            line(b, "not inspectable   %d (dead-lettered by both: %s)", dead.size(), dead.stream()
                    .map(f -> ((Outcome.Rejected) f.a()).reason()).distinct().sorted().collect(Collectors.joining(", ")));
        }
        b.append('\n');
        figures(b, c);
        if (!rules.isEmpty()) {
            b.append('\n');
            line(b, "requirements on B (the candidate)");
            for (RuleResult r : rules) {
                line(b, "  %s  %-22s %s", r.passed() ? "PASS" : "FAIL", r.rule().text(), r.why() != null ? r.why()
                        : "value " + value(r.rule().metric(), r.value()));
            }
            long failed = rules.stream().filter(r -> !r.passed()).count();
            line(b, failed == 0 ? "promotion: PASS" : "promotion: FAIL (%d of %d rules failed)", failed, rules.size());
        }
        return b.toString();
    }

    private static void figures(StringBuilder b, Comparison c) {
        ModelFigures fa = c.figuresA();
        ModelFigures fb = c.figuresB();
        line(b, "%-19s %-44s %s", "", c.a().title(), c.b().title());
        line(b, "%-19s %-44s %s", "decisions", decisions(fa), decisions(fb));
        if (!fa.hasGroundTruth() && !fb.hasGroundTruth()) {
            line(b, "%-19s %-44s %s", "false-reject rate", "n/a", "n/a (no ground truth in the recording)");
            line(b, "%-19s %-44s %s", "escape rate", "n/a", "n/a");
            line(b, "%-19s %-44s %s", "ROC AUC", "n/a", "n/a");
            return;
        }
        line(b, "%-19s %-44s %s", "ground truth", truth(fa), truth(fb));
        row(b, "false-reject rate", fa, fb, e -> e.goodImages() == 0 ? "n/a (no OK frame)" : rate(e.falseRejects()));
        row(b, "escape rate", fa, fb, e -> e.defectImages() == 0 ? "n/a (no DEFECT frame)" : rate(e.escapes()));
        row(b, "ROC AUC", fa, fb, e -> auc(e.aucInterval()));
    }

    private static void row(StringBuilder b, String name, ModelFigures fa, ModelFigures fb, Function<Evaluation, String> cell) {
        line(b, "%-19s %-44s %s", name, fa.hasGroundTruth() ? cell.apply(fa.evaluation()) : "n/a",
                fb.hasGroundTruth() ? cell.apply(fb.evaluation()) : "n/a");
    }

    static String rate(WilsonInterval w) {
        return String.format(Locale.ROOT, "%.2f%% (%d/%d), 95%% CI %.2f-%.2f%%", 100 * w.rate(), w.successes(), w.trials(),
                100 * w.lower(), 100 * w.upper());
    }

    static String auc(AucInterval i) {
        return Double.isNaN(i.auc()) ? "n/a (needs OK and DEFECT frames)"
                : String.format(Locale.ROOT, "%.4f, 95%% CI %.4f-%.4f", i.auc(), i.lower(), i.upper());
    }

    private static String decisions(ModelFigures f) {
        return String.format(Locale.ROOT, "%d OK, %d DEFECT, %d UNKNOWN", f.ok(), f.defect(), f.unknown());
    }

    private static String truth(ModelFigures f) {
        return f.hasGroundTruth() ? String.format(Locale.ROOT, "%d OK, %d DEFECT frames", f.evaluation().goodImages(),
                f.evaluation().defectImages()) : "n/a";
    }

    private static void flips(StringBuilder b, String title, List<Flip> flips) {
        line(b, "%s %d", title, flips.size());
        flips.forEach(f -> flipLine(b, f));
    }

    private static void flipLine(StringBuilder b, Flip f) {
        Verdict a = f.a();
        Verdict v = f.b();
        line(b, "  %s%s: A %s %.4f -> B %s %.4f", f.frame().label(), a.groundTruth() == null ? "" : " (truth " + a.groundTruth() + ")",
                a.decision(), a.defectScore(), v.decision(), v.defectScore());
        if (!f.onlyA().isEmpty()) {
            line(b, "      tiles only A flags: %s", tiles(f.onlyA()));
        }
        if (!f.onlyB().isEmpty()) {
            line(b, "      tiles only B flags: %s", tiles(f.onlyB()));
        }
    }

    /** "x,y WxH score" per tile, in frame pixels. */
    static String tiles(List<DefectTile> tiles) {
        return tiles.stream().map(t -> String.format(Locale.ROOT, "[%d,%d %dx%d %.4f]", t.x(), t.y(), t.width(), t.height(), t.score()))
                .collect(Collectors.joining(" "));
    }

    static String outcome(Outcome o) {
        if (o instanceof Outcome.Rejected r) {
            return "dead-lettered (" + r.reason() + ")";
        }
        Verdict v = FramePair.verdict(o);
        return v.reason() == null ? String.format(Locale.ROOT, "%s %.4f", v.decision(), v.defectScore())
                : v.decision() + " (" + v.reason() + ")";
    }

    static String value(Metric m, double v) {
        return m.isRate() ? String.format(Locale.ROOT, "%.4f", v) : String.format(Locale.ROOT, "%.0f", v);
    }

    private static void line(StringBuilder b, String format, Object... args) {
        b.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}

package io.tessera.launcher.compare;

import io.tessera.model.eval.Evaluation;
import io.tessera.protocol.DefectTile;
import io.tessera.protocol.Verdict;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The comparison as one self-contained HTML page (inline style, no script, nothing loaded from
 * elsewhere), for attaching to a review or a CI run.
 */
public final class HtmlReport {
    private HtmlReport() {
    }

    public static String of(Comparison c, List<RuleResult> rules) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Model comparison: ")
                .append(esc(c.b().name())).append(" against ").append(esc(c.a().name())).append("</title>\n<style>")
                .append("body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:.5em 0 1.5em}")
                .append("th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}th{background:#f3f3f3}")
                .append(".pass{color:#0a6b2d;font-weight:bold}.fail{color:#b00020;font-weight:bold}code{font-size:90%}")
                .append("</style></head><body>\n");
        b.append("<h1>Model comparison</h1>\n<p>Recording <code>").append(esc(c.recording().toString())).append("</code>, ")
                .append(c.frames().size()).append(" frames.</p>\n");
        b.append("<table><tr><th></th><th>model</th><th>version</th><th>threshold</th><th>precision</th><th>folder</th></tr>\n");
        for (ModelSide m : List.of(c.a(), c.b())) {
            b.append("<tr><th>").append(esc(m.title())).append("</th><td>").append(esc(m.name())).append("</td><td>")
                    .append(esc(m.version())).append("</td><td>").append(String.format(Locale.ROOT, "%.4f", m.threshold()))
                    .append("</td><td>").append(esc(m.precision())).append("</td><td><code>").append(esc(m.path().toString()))
                    .append("</code></td></tr>\n");
        }
        b.append("</table>\n");
        if (!rules.isEmpty()) {
            boolean passed = rules.stream().allMatch(RuleResult::passed);
            b.append("<h2>Promotion: <span class=\"").append(passed ? "pass\">PASS" : "fail\">FAIL").append("</span></h2>\n");
            b.append("<table><tr><th>rule on B</th><th>value</th><th>result</th></tr>\n");
            for (RuleResult r : rules) {
                b.append("<tr><td><code>").append(esc(r.rule().text())).append("</code></td><td>")
                        .append(esc(r.why() != null ? r.why() : TextReport.value(r.rule().metric(), r.value())))
                        .append("</td><td class=\"").append(r.passed() ? "pass\">PASS" : "fail\">FAIL").append("</td></tr>\n");
            }
            b.append("</table>\n");
        }
        int both = c.decidedByBoth().size();
        b.append("<h2>Agreement</h2>\n<p>").append(both == 0 ? "n/a: no frame decided by both"
                : String.format(Locale.ROOT, "%.2f%% (%d of %d frames decided by both)", 100 * c.agreementRate(), c.agreements(),
                        both)).append("</p>\n");
        flips(b, "Flips OK &rarr; DEFECT (B would newly reject)", c.flipsToDefect());
        flips(b, "Flips DEFECT &rarr; OK (B would newly pass)", c.flipsToOk());
        flips(b, "Both DEFECT, other tiles flagged", c.tileChanges());
        if (!c.otherDifferences().isEmpty()) {
            b.append("<h2>Other differences</h2>\n<table><tr><th>frame</th><th>A</th><th>B</th></tr>\n");
            c.otherDifferences().forEach(f -> b.append("<tr><td>").append(esc(f.label())).append("</td><td>")
                    .append(esc(TextReport.outcome(f.a()))).append("</td><td>").append(esc(TextReport.outcome(f.b())))
                    .append("</td></tr>\n"));
            b.append("</table>\n");
        }
        figures(b, c);
        b.append("</body></html>\n");
        return b.toString();
    }

    private static void flips(StringBuilder b, String title, List<Flip> flips) {
        b.append("<h2>").append(title).append(": ").append(flips.size()).append("</h2>\n");
        if (flips.isEmpty()) {
            return;
        }
        b.append("<table><tr><th>frame</th><th>truth</th><th>A</th><th>B</th><th>tiles only A flags</th>")
                .append("<th>tiles only B flags</th></tr>\n");
        for (Flip f : flips) {
            Verdict a = f.a();
            Verdict v = f.b();
            b.append("<tr><td>").append(esc(f.frame().label())).append("</td><td>")
                    .append(a.groundTruth() == null ? "" : a.groundTruth().name()).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%s %.4f", a.decision(), a.defectScore())).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%s %.4f", v.decision(), v.defectScore())).append("</td><td>")
                    .append(tiles(f.onlyA())).append("</td><td>").append(tiles(f.onlyB())).append("</td></tr>\n");
        }
        b.append("</table>\n");
    }

    private static String tiles(List<DefectTile> tiles) {
        return tiles.stream().map(t -> String.format(Locale.ROOT, "x %d, y %d, %dx%d: %.4f", t.x(), t.y(), t.width(), t.height(),
                t.score())).collect(Collectors.joining("<br>"));
    }

    private static void figures(StringBuilder b, Comparison c) {
        ModelFigures fa = c.figuresA();
        ModelFigures fb = c.figuresB();
        b.append("<h2>Figures against ground truth</h2>\n<table><tr><th></th><th>").append(esc(c.a().title())).append("</th><th>")
                .append(esc(c.b().title())).append("</th></tr>\n");
        row(b, "decisions", fa, fb, null);
        row(b, "false-reject rate", fa, fb, e -> e.goodImages() == 0 ? "n/a (no OK frame)" : TextReport.rate(e.falseRejects()));
        row(b, "escape rate", fa, fb, e -> e.defectImages() == 0 ? "n/a (no DEFECT frame)" : TextReport.rate(e.escapes()));
        row(b, "ROC AUC", fa, fb, e -> TextReport.auc(e.aucInterval()));
        b.append("</table>\n<p>Intervals are 95%: Wilson for the rates, Hanley-McNeil for the AUC. UNKNOWN frames are not"
                + " in the rates.</p>\n");
    }

    private static void row(StringBuilder b, String name, ModelFigures fa, ModelFigures fb, Function<Evaluation, String> cell) {
        b.append("<tr><th>").append(name).append("</th><td>").append(esc(cell(fa, cell))).append("</td><td>")
                .append(esc(cell(fb, cell))).append("</td></tr>\n");
    }

    private static String cell(ModelFigures f, Function<Evaluation, String> cell) {
        if (cell == null) {
            return String.format(Locale.ROOT, "%d OK, %d DEFECT, %d UNKNOWN", f.ok(), f.defect(), f.unknown());
        }
        return f.hasGroundTruth() ? cell.apply(f.evaluation()) : "n/a (no ground truth)";
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

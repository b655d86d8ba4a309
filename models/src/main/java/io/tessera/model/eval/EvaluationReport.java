package io.tessera.model.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Text and JSON forms of evaluation figures. */
public final class EvaluationReport {
    private EvaluationReport() {
    }

    public static String text(Evaluation e) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "  confusion matrix      images   predicted ok   predicted defect%n"));
        b.append(String.format(Locale.ROOT, "    actual ok         %6d   %12d   %16d%n", e.goodImages(), e.trueNegatives(),
                e.falsePositives()));
        b.append(String.format(Locale.ROOT, "    actual defect     %6d   %12d   %16d%n", e.defectImages(),
                e.falseNegatives(), e.truePositives()));
        b.append(String.format(Locale.ROOT, "  ROC AUC            %.4f%n", e.auc()));
        b.append(String.format(Locale.ROOT, "  false-reject rate  %s%n", rate(e.falseRejects(), "good images flagged")));
        b.append(String.format(Locale.ROOT, "  escape rate        %s%n", rate(e.escapes(), "defect images passed")));
        return b.toString();
    }

    public static String rate(WilsonInterval w, String what) {
        return String.format(Locale.ROOT, "%.2f%% (%d/%d %s), 95%% CI %.2f%%-%.2f%%", 100 * w.rate(), w.successes(),
                w.trials(), what, 100 * w.lower(), 100 * w.upper());
    }

    public static Map<String, Object> json(Evaluation e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("images", e.images());
        m.put("goodImages", e.goodImages());
        m.put("defectImages", e.defectImages());
        m.put("threshold", e.threshold());
        m.put("falseRejectRate", e.falseRejectRate());
        m.put("falseRejectRateCi95", List.of(e.falseRejects().lower(), e.falseRejects().upper()));
        m.put("falseRejects", e.falsePositives());
        m.put("escapeRate", e.escapeRate());
        m.put("escapeRateCi95", List.of(e.escapes().lower(), e.escapes().upper()));
        m.put("escapes", e.falseNegatives());
        m.put("auc", e.auc());
        m.put("confusion", Map.of("trueNegatives", e.trueNegatives(), "falsePositives", e.falsePositives(),
                "falseNegatives", e.falseNegatives(), "truePositives", e.truePositives()));
        return m;
    }
}

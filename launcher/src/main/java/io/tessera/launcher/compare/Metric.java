package io.tessera.launcher.compare;

import io.tessera.model.eval.Evaluation;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a {@code --require} rule can bound, always read on the candidate (B). Rates are fractions
 * in [0, 1]; figures that need ground truth are absent when the recording has none, and a rule
 * on an absent figure fails (a gate must not pass for want of evidence).
 */
public enum Metric {
    ESCAPE("escape", true, "B's escape rate: DEFECT frames it passed as OK", c -> rate(c.figuresB(), Evaluation::escapeRate)),
    ESCAPE_UPPER("escape-upper", true, "upper bound of the 95% interval of B's escape rate",
            c -> rate(c.figuresB(), e -> e.escapes().trials() == 0 ? Double.NaN : e.escapes().upper())),
    FRR("frr", true, "B's false-reject rate: OK frames it flagged DEFECT", c -> rate(c.figuresB(), Evaluation::falseRejectRate)),
    FRR_UPPER("frr-upper", true, "upper bound of the 95% interval of B's false-reject rate",
            c -> rate(c.figuresB(), e -> e.falseRejects().trials() == 0 ? Double.NaN : e.falseRejects().upper())),
    AUC("auc", true, "B's ROC AUC", c -> rate(c.figuresB(), Evaluation::auc)),
    ESCAPE_CHANGE("escape-change", true, "B's escape rate minus A's", c -> change(c, Evaluation::escapeRate)),
    FRR_CHANGE("frr-change", true, "B's false-reject rate minus A's", c -> change(c, Evaluation::falseRejectRate)),
    AUC_CHANGE("auc-change", true, "B's ROC AUC minus A's", c -> change(c, Evaluation::auc)),
    FLIPS("flips", false, "frames whose decision flipped either way (OK->DEFECT plus DEFECT->OK)",
            c -> Optional.of((double) c.flipCount())),
    FLIPS_TO_DEFECT("flips-to-defect", false, "frames A passed and B rejects (OK->DEFECT)",
            c -> Optional.of((double) c.flipsToDefect().size())),
    FLIPS_TO_OK("flips-to-ok", false, "frames A rejected and B passes (DEFECT->OK)", c -> Optional.of((double) c.flipsToOk().size())),
    AGREEMENT("agreement", true, "share of the frames both decided on which they agree",
            c -> Double.isNaN(c.agreementRate()) ? Optional.empty() : Optional.of(c.agreementRate())),
    UNKNOWN("unknown", false, "frames B answered UNKNOWN (the model failed on them)", c -> Optional.of((double) c.figuresB().unknown()));

    private final String key;
    private final boolean rate;
    private final String meaning;
    private final Function<Comparison, Optional<Double>> value;

    Metric(String key, boolean rate, String meaning, Function<Comparison, Optional<Double>> value) {
        this.key = key;
        this.rate = rate;
        this.meaning = meaning;
        this.value = value;
    }

    public String key() {
        return key;
    }

    /** A fraction (a percentage may be written), as opposed to a count of frames. */
    public boolean isRate() {
        return rate;
    }

    public String meaning() {
        return meaning;
    }

    /** Empty when the recording cannot tell (no ground truth, nothing decided by both). */
    public Optional<Double> valueIn(Comparison c) {
        return value.apply(c);
    }

    public static Optional<Metric> byKey(String key) {
        String k = key.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.key.equals(k)).findFirst();
    }

    public static String keys() {
        return Arrays.stream(values()).map(Metric::key).collect(Collectors.joining(", "));
    }

    private static Optional<Double> rate(ModelFigures f, Function<Evaluation, Double> read) {
        if (!f.hasGroundTruth()) {
            return Optional.empty();
        }
        double v = read.apply(f.evaluation());
        return Double.isNaN(v) ? Optional.empty() : Optional.of(v);
    }

    private static Optional<Double> change(Comparison c, Function<Evaluation, Double> read) {
        Optional<Double> b = rate(c.figuresB(), read);
        Optional<Double> a = rate(c.figuresA(), read);
        return a.isPresent() && b.isPresent() ? Optional.of(b.get() - a.get()) : Optional.empty();
    }
}

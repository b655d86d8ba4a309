package io.tessera.model.cv;

import io.tessera.model.eval.Evaluation;
import io.tessera.model.eval.EvaluationReport;
import io.tessera.model.eval.TeachInThreshold;
import io.tessera.model.eval.WilsonInterval;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of a cross-validation: per fold and pooled over every held-out image, each image
 * decided at its own fold's threshold; per station (location), with the worst one named; and what
 * teach-in on the first good images of each held-out station changes on the rest of that station.
 */
public final class CvReport {
    /** KGT images are single spindles, not stations: a fold's KGT images are counted as one group. */
    static final String KGT_GROUP = "KGT spindles";

    /** Figures of one station (or a fold's KGT spindles) at its fold's threshold. */
    public record StationFigures(String station, int fold, int goodImages, int defectImages, int falseRejects,
            int escapes) {
        public double errorShare() {
            return (double) (falseRejects + escapes) / Math.max(1, goodImages + defectImages);
        }

        public double falseRejectRate() {
            return goodImages == 0 ? Double.NaN : (double) falseRejects / goodImages;
        }

        public double escapeRate() {
            return defectImages == 0 ? Double.NaN : (double) escapes / defectImages;
        }
    }

    /**
     * Teach-in at one held-out station: its threshold from the first {@code n} good images, and the
     * rest of the station's images decided at the fold's threshold and at the taught one.
     */
    public record TeachInFigures(String station, int fold, int taughtOn, double foldThreshold, double taughtThreshold,
            int goodImages, int defectImages, int falseRejectsBefore, int escapesBefore, int falseRejectsAfter,
            int escapesAfter) {
    }

    /** As stored, with the thresholds set when each fold was scored. */
    private final List<FoldOutcome> stored;
    /** As decided here: the stored folds at the thresholds of {@link #thresholdRule}. */
    private final List<FoldOutcome> folds;
    private final List<Evaluation> perFold = new ArrayList<>();
    private final Evaluation pooledScores;
    private final List<StationFigures> stations = new ArrayList<>();
    private final List<TeachInFigures> teachIn = new ArrayList<>();
    private final int teachInImages;
    private final TeachInThreshold teachInRule;
    private final FoldThresholdRule thresholdRule;

    public CvReport(List<FoldOutcome> folds, int teachInImages, TeachInThreshold rule) {
        this(folds, teachInImages, rule, FoldThresholdRule.CALIBRATED);
    }

    private CvReport(List<FoldOutcome> stored, int teachInImages, TeachInThreshold rule,
            FoldThresholdRule thresholdRule) {
        this.stored = List.copyOf(stored);
        this.folds = stored.stream().map(f -> thresholdRule.apply(f, rule)).toList();
        this.teachInImages = teachInImages;
        this.teachInRule = rule;
        this.thresholdRule = thresholdRule;
        List<Double> defects = new ArrayList<>();
        List<Double> goods = new ArrayList<>();
        for (FoldOutcome f : this.folds) {
            perFold.add(evaluate(f.heldOut(), f.threshold()));
            for (ScoredImage s : f.heldOut()) {
                (s.defect() ? defects : goods).add(s.score());
            }
            stations.addAll(stations(f));
            if (teachInImages > 0) {
                teachIn.addAll(teachIn(f, teachInImages, rule));
            }
        }
        // pooled AUC over raw scores; pooled rates are sums of each fold's own decisions (below)
        this.pooledScores = Evaluation.of(defects.stream().mapToDouble(Double::doubleValue).toArray(),
                goods.stream().mapToDouble(Double::doubleValue).toArray(), 0.5);
    }

    /** The same folds with each threshold set by {@code rule} from the fold's calibration scores. */
    public CvReport withFoldThresholds(FoldThresholdRule rule) {
        return new CvReport(stored, teachInImages, teachInRule, rule);
    }

    static Evaluation evaluate(List<ScoredImage> images, double threshold) {
        return Evaluation.of(images.stream().filter(ScoredImage::defect).mapToDouble(ScoredImage::score).toArray(),
                images.stream().filter(s -> !s.defect()).mapToDouble(ScoredImage::score).toArray(), threshold);
    }

    private static List<StationFigures> stations(FoldOutcome f) {
        Map<String, List<ScoredImage>> byStation = new TreeMap<>();
        for (ScoredImage s : f.heldOut()) {
            byStation.computeIfAbsent(s.group().startsWith("KGT") ? KGT_GROUP : s.group(), k -> new ArrayList<>()).add(s);
        }
        List<StationFigures> out = new ArrayList<>();
        byStation.forEach((station, images) -> {
            Evaluation e = evaluate(images, f.threshold());
            out.add(new StationFigures(station, f.fold(), e.goodImages(), e.defectImages(), e.falsePositives(),
                    e.falseNegatives()));
        });
        return out;
    }

    private static List<TeachInFigures> teachIn(FoldOutcome f, int n, TeachInThreshold rule) {
        Map<String, List<ScoredImage>> byStation = new TreeMap<>();
        for (ScoredImage s : f.heldOut()) {
            if (!s.group().startsWith("KGT")) {
                byStation.computeIfAbsent(s.group(), k -> new ArrayList<>()).add(s);
            }
        }
        List<TeachInFigures> out = new ArrayList<>();
        byStation.forEach((station, images) -> {
            // BSData names start with the capture time: the first good images are the ones a line
            // would record when the camera is installed, before the surface wears
            List<ScoredImage> inOrder = images.stream().sorted(Comparator.comparing(ScoredImage::file)).toList();
            List<ScoredImage> taught = inOrder.stream().filter(s -> !s.defect()).limit(n).toList();
            if (taught.size() < n) {
                return;
            }
            List<ScoredImage> rest = inOrder.stream().filter(s -> !taught.contains(s)).toList();
            if (rest.isEmpty()) {
                return;
            }
            double t = rule.fit(taught.stream().mapToDouble(ScoredImage::score).toArray()).threshold();
            Evaluation before = evaluate(rest, f.threshold());
            Evaluation after = evaluate(rest, t);
            out.add(new TeachInFigures(station, f.fold(), n, f.threshold(), t, before.goodImages(),
                    before.defectImages(), before.falsePositives(), before.falseNegatives(), after.falsePositives(),
                    after.falseNegatives()));
        });
        return out;
    }

    public List<Evaluation> perFold() {
        return perFold;
    }

    public List<StationFigures> stations() {
        return stations;
    }

    public List<TeachInFigures> teachIn() {
        return teachIn;
    }

    public int falseRejects() {
        return perFold.stream().mapToInt(Evaluation::falsePositives).sum();
    }

    public int goodImages() {
        return perFold.stream().mapToInt(Evaluation::goodImages).sum();
    }

    public int escapes() {
        return perFold.stream().mapToInt(Evaluation::falseNegatives).sum();
    }

    public int defectImages() {
        return perFold.stream().mapToInt(Evaluation::defectImages).sum();
    }

    public WilsonInterval pooledFalseRejects() {
        return WilsonInterval.of(falseRejects(), goodImages());
    }

    public WilsonInterval pooledEscapes() {
        return WilsonInterval.of(escapes(), defectImages());
    }

    public double pooledAuc() {
        return pooledScores.auc();
    }

    /**
     * The station (a location; a fold's KGT images are many spindles, not one station) with the
     * largest share of wrongly decided images; the KGT group only when there is no location.
     */
    public StationFigures worstStation() {
        Comparator<StationFigures> byErrors = Comparator.comparingDouble(StationFigures::errorShare)
                .thenComparing(StationFigures::station);
        return stations.stream().filter(s -> !s.station().equals(KGT_GROUP)).max(byErrors)
                .orElseGet(() -> stations.stream().max(byErrors).orElseThrow());
    }

    public String text() {
        StringBuilder b = new StringBuilder();
        if (thresholdRule != FoldThresholdRule.CALIBRATED) {
            b.append(String.format(Locale.ROOT, "fold thresholds by the %s rule on each calibration fold's good"
                    + " images (not the stored ones)%n", thresholdRule.label()));
        }
        b.append(String.format(Locale.ROOT, "%-5s %-36s %7s %9s %8s %8s %7s%n", "fold", "held-out groups", "images",
                "threshold", "FRR", "escape", "AUC"));
        for (int i = 0; i < folds.size(); i++) {
            FoldOutcome f = folds.get(i);
            Evaluation e = perFold.get(i);
            b.append(String.format(Locale.ROOT, "%-5d %-36s %7d %9.4f %7.2f%% %7.2f%% %7.4f%n", f.fold(),
                    abbreviate(f.heldOutGroups()), e.images(), f.threshold(), 100 * e.falseRejectRate(),
                    100 * e.escapeRate(), e.auc()));
        }
        b.append(String.format(Locale.ROOT, "pooled: false-reject rate %s%n", EvaluationReport.rate(pooledFalseRejects(),
                "good images flagged")));
        b.append(String.format(Locale.ROOT, "pooled: escape rate       %s%n", EvaluationReport.rate(pooledEscapes(),
                "defect images passed")));
        b.append(String.format(Locale.ROOT, "pooled: ROC AUC %.4f (scores of all folds together)%n", pooledAuc()));
        b.append(String.format(Locale.ROOT, "%nper station (each at its fold's threshold):%n"));
        b.append(String.format(Locale.ROOT, "  %-22s %4s %6s %7s %8s %8s%n", "station", "fold", "good", "defect",
                "FRR", "escape"));
        for (StationFigures s : stations) {
            b.append(String.format(Locale.ROOT, "  %-22s %4d %6d %7d %8s %8s%n", s.station(), s.fold(),
                    s.goodImages(), s.defectImages(), percent(s.falseRejectRate()), percent(s.escapeRate())));
        }
        StationFigures worst = worstStation();
        b.append(String.format(Locale.ROOT, "worst station: %s (fold %d): %d of %d good flagged, %d of %d defects"
                + " passed%n", worst.station(), worst.fold(), worst.falseRejects(), worst.goodImages(),
                worst.escapes(), worst.defectImages()));
        if (!teachIn.isEmpty()) {
            b.append(String.format(Locale.ROOT, "%nteach-in on the first %d good images of each held-out station,"
                    + " figures on the rest of that station:%n", teachInImages));
            b.append(String.format(Locale.ROOT, "  %-12s %4s %9s %9s %6s %7s %14s %14s%n", "station", "fold",
                    "fold thr", "taught", "good", "defect", "FR before/after", "esc before/after"));
            for (TeachInFigures t : teachIn) {
                b.append(String.format(Locale.ROOT, "  %-12s %4d %9.4f %9.4f %6d %7d %8d / %-5d %8d / %-5d%n",
                        t.station(), t.fold(), t.foldThreshold(), t.taughtThreshold(), t.goodImages(),
                        t.defectImages(), t.falseRejectsBefore(), t.falseRejectsAfter(), t.escapesBefore(),
                        t.escapesAfter()));
            }
            b.append(String.format(Locale.ROOT, "  all taught stations: false rejects %s -> %s, escapes %s -> %s%n",
                    teachInRate(true, false), teachInRate(true, true), teachInRate(false, false),
                    teachInRate(false, true)));
        }
        return b.toString();
    }

    private String teachInRate(boolean good, boolean after) {
        int n = teachIn.stream().mapToInt(t -> good ? t.goodImages() : t.defectImages()).sum();
        int k = teachIn.stream().mapToInt(t -> good ? (after ? t.falseRejectsAfter() : t.falseRejectsBefore())
                : (after ? t.escapesAfter() : t.escapesBefore())).sum();
        return String.format(Locale.ROOT, "%d/%d (%s)", k, n, percent(n == 0 ? Double.NaN : (double) k / n));
    }

    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Map<String, Object>> foldJson = new ArrayList<>();
        for (int i = 0; i < folds.size(); i++) {
            FoldOutcome f = folds.get(i);
            Map<String, Object> fj = new LinkedHashMap<>();
            fj.put("fold", f.fold());
            fj.put("heldOutGroups", f.heldOutGroups());
            fj.put("calibrationGroups", f.calibrationGroups());
            fj.put("trainImages", f.trainImages());
            fj.put("trainingSeconds", Math.round(f.trainingSeconds()));
            fj.putAll(EvaluationReport.json(perFold.get(i)));
            foldJson.add(fj);
        }
        m.put("folds", foldJson);
        m.put("thresholdRule", thresholdRule.label());
        Map<String, Object> pooled = new LinkedHashMap<>();
        pooled.put("goodImages", goodImages());
        pooled.put("defectImages", defectImages());
        pooled.put("falseRejects", falseRejects());
        pooled.put("falseRejectRate", pooledFalseRejects().rate());
        pooled.put("falseRejectRateCi95", List.of(pooledFalseRejects().lower(), pooledFalseRejects().upper()));
        pooled.put("escapes", escapes());
        pooled.put("escapeRate", pooledEscapes().rate());
        pooled.put("escapeRateCi95", List.of(pooledEscapes().lower(), pooledEscapes().upper()));
        pooled.put("auc", pooledAuc());
        m.put("pooled", pooled);
        m.put("stations", stations);
        m.put("worstStation", worstStation());
        m.put("teachInImages", teachInImages);
        m.put("teachIn", teachIn);
        return m;
    }

    /**
     * The short form a model card keeps: the recipe's cross-validated figures, so a card says how
     * its recipe does on stations it never saw, not only on its one TEST split.
     */
    public Map<String, Object> cardSummary(Map<String, Object> recipe, String machine) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("what", "cross-validation by station of this model's recipe (tessera model cv): " + folds.size()
                + " folds, each model trained without its held-out and calibration stations");
        m.put("recipe", recipe);
        m.put("machine", machine);
        m.put("thresholdRule", thresholdRule.label());
        Map<String, Object> pooled = new LinkedHashMap<>();
        pooled.put("falseRejectRate", pooledFalseRejects().rate());
        pooled.put("falseRejects", falseRejects() + "/" + goodImages());
        pooled.put("escapeRate", pooledEscapes().rate());
        pooled.put("escapes", escapes() + "/" + defectImages());
        pooled.put("auc", pooledAuc());
        m.put("pooled", pooled);
        StationFigures worst = worstStation();
        m.put("worstStation", worst.station() + " (fold " + worst.fold() + "): " + worst.falseRejects() + "/"
                + worst.goodImages() + " good flagged, " + worst.escapes() + "/" + worst.defectImages()
                + " defects passed");
        if (!teachIn.isEmpty()) {
            m.put("teachIn", "first " + teachInImages + " good images of each held-out station: false rejects "
                    + teachInRate(true, false) + " -> " + teachInRate(true, true) + ", escapes "
                    + teachInRate(false, false) + " -> " + teachInRate(false, true));
        }
        return m;
    }

    private static String abbreviate(List<String> groups) {
        long kgt = groups.stream().filter(g -> g.startsWith("KGT")).count();
        List<String> named = new ArrayList<>(groups.stream().filter(g -> !g.startsWith("KGT")).toList());
        if (kgt > 0) {
            named.add(kgt + " KGT");
        }
        return String.join(", ", named);
    }

    private static String percent(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }
}

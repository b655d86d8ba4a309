package io.tessera.model.serving;

import io.tessera.model.Ticker;
import io.tessera.model.TileClassifier;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleSupplier;

/**
 * Holds a reduced precision to the model's fp32 scores on its reference tiles before it serves.
 * Runs on the calling thread, which should be the thread that will serve: TensorFlow's oneDNN
 * kernels are prepared per batch shape on first use, so the check exercises what serving will.
 *
 * <p>A candidate is correct when, at every batch size asked for, every output is finite, no tile's
 * score moves more than the tolerance from fp32 and every tile keeps its decision at the card's
 * threshold. It is fast enough when it classifies at least {@code minSpeedup} times fp32's tiles
 * per second at the largest batch, both measured in the same run.
 */
public final class PrecisionCheck {
    public static final double DEFAULT_TOLERANCE = 0.02;
    public static final double DEFAULT_MIN_SPEEDUP = 1.3;
    public static final int DEFAULT_TIMED_RUNS = 3;

    /**
     * @param batchSizes the batch sizes serving uses, e.g. 1, a frame's tile count, the maximum batch
     * @param timedRuns  timed passes over the reference tiles at the largest batch (the fastest counts)
     */
    public record Settings(List<Integer> batchSizes, double tolerance, double minSpeedup, int timedRuns) {
        public Settings {
            if (batchSizes == null || batchSizes.isEmpty() || batchSizes.stream().anyMatch(b -> b == null || b < 1)) {
                throw new IllegalArgumentException("precision check batch sizes must be >= 1, got " + batchSizes);
            }
            batchSizes = batchSizes.stream().distinct().sorted().toList();
            if (!(tolerance > 0 && tolerance < 1)) {
                throw new IllegalArgumentException("precision check tolerance must be within (0, 1), got " + tolerance);
            }
            if (!(minSpeedup > 0)) {
                throw new IllegalArgumentException("precision check minimum speed-up must be > 0, got " + minSpeedup);
            }
            if (timedRuns < 1) {
                throw new IllegalArgumentException("precision check timed runs must be >= 1, got " + timedRuns);
            }
        }

        public static Settings forBatchSizes(Integer... batchSizes) {
            return new Settings(List.of(batchSizes), DEFAULT_TOLERANCE, DEFAULT_MIN_SPEEDUP, DEFAULT_TIMED_RUNS);
        }

        public int maxBatch() {
            return batchSizes.get(batchSizes.size() - 1);
        }
    }

    private final ReferenceTiles reference;
    private final double threshold;
    private final Settings settings;
    private final Ticker ticker;

    public PrecisionCheck(ReferenceTiles reference, double threshold, Settings settings, Ticker ticker) {
        this.reference = reference;
        this.threshold = threshold;
        this.settings = settings;
        this.ticker = ticker;
    }

    public Settings settings() {
        return settings;
    }

    /** Tiles per second at the largest batch: one untimed pass, then the fastest of the timed ones. */
    public double tilesPerSecond(TileClassifier classifier) {
        int batch = settings.maxBatch();
        int passes = Math.max(1, (reference.count() + batch - 1) / batch);
        int[] slots = new int[batch];
        classifier.classify(reference.batch(0, batch, slots));
        long best = Long.MAX_VALUE;
        for (int run = 0; run < settings.timedRuns(); run++) {
            long started = ticker.read();
            for (int p = 0; p < passes; p++) {
                classifier.classify(reference.batch(p * batch, batch, slots));
            }
            best = Math.min(best, ticker.read() - started);
        }
        return (double) passes * batch / Math.max(best, 1) * 1e9;
    }

    /** Checks a candidate's outputs, then (if they are correct) its speed against fp32's. */
    public CandidateResult check(Precision precision, TileClassifier candidate, double fp32TilesPerSecond) {
        return check(precision, candidate, () -> fp32TilesPerSecond);
    }

    /**
     * As {@link #check(Precision, TileClassifier, double)}, measuring fp32's speed only when the
     * candidate's outputs are correct: a candidate rejected for its outputs costs no timing runs.
     */
    public CandidateResult check(Precision precision, TileClassifier candidate, DoubleSupplier fp32TilesPerSecond) {
        double maxChange = 0;
        for (int batch : settings.batchSizes()) {
            String failure;
            try {
                Outcome o = scoreAll(candidate, batch);
                maxChange = Math.max(maxChange, o.maxChange);
                failure = o.failure(batch);
            } catch (ModelOutputException e) {
                failure = e.badValues() + " non-finite or out-of-range outputs at batch " + batch;
            } catch (RuntimeException e) {
                failure = "the model failed at batch " + batch + ": " + e.getMessage();
            }
            if (failure != null) {
                return new CandidateResult(precision, failure, 0, false, settings.maxBatch(), maxChange);
            }
        }
        double fp32 = fp32TilesPerSecond.getAsDouble();
        double speedup = tilesPerSecond(candidate) / Math.max(fp32, 1e-9);
        return new CandidateResult(precision, null, speedup, speedup >= settings.minSpeedup(), settings.maxBatch(),
                maxChange);
    }

    private static final class Outcome {
        int nonFinite;
        int drifted;
        int flipped;
        double maxChange;
        int worstTile = -1;

        String failure(int batch) {
            if (nonFinite > 0) {
                return nonFinite + " non-finite outputs at batch " + batch;
            }
            if (drifted > 0) {
                return String.format(Locale.ROOT, "%d scores moved more than the tolerance from fp32 at batch %d"
                        + " (largest %.4f, tile %d)", drifted, batch, maxChange, worstTile);
            }
            if (flipped > 0) {
                return flipped + " tiles changed decision against fp32 at batch " + batch;
            }
            return null;
        }
    }

    /** Every reference tile once, in full batches of {@code batch} (wrapping around). */
    private Outcome scoreAll(TileClassifier candidate, int batch) {
        Outcome o = new Outcome();
        boolean[] seen = new boolean[reference.count()];
        int[] slots = new int[batch];
        for (int start = 0; start < reference.count(); start += batch) {
            float[] p = candidate.classify(reference.batch(start, batch, slots));
            if (p.length != batch) {
                throw new IllegalStateException(p.length + " outputs for " + batch + " tiles");
            }
            for (int slot = 0; slot < batch; slot++) {
                int tile = slots[slot];
                if (seen[tile]) {
                    continue; // a wrapped-around repeat: counted once
                }
                seen[tile] = true;
                float ref = reference.fp32Scores()[tile];
                if (!Float.isFinite(p[slot])) {
                    o.nonFinite++;
                    continue;
                }
                double change = Math.abs(p[slot] - ref);
                if (change > o.maxChange) {
                    o.maxChange = change;
                    o.worstTile = tile;
                }
                if (change > settings.tolerance()) {
                    o.drifted++;
                }
                if ((p[slot] >= threshold) != (ref >= threshold)) {
                    o.flipped++;
                }
            }
        }
        return o;
    }

    @Override
    public String toString() {
        return "precision check at batches " + settings.batchSizes() + ", tolerance " + settings.tolerance()
                + ", minimum speed-up x" + settings.minSpeedup() + " over " + reference.count() + " reference tiles";
    }
}

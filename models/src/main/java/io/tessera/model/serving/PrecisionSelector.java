package io.tessera.model.serving;

import io.tessera.model.TileClassifier;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/**
 * Chooses the precision a model serves at by measuring it on the calling thread. {@code auto}
 * serves the fastest reduced precision that passes the {@link PrecisionCheck}, else fp32; an
 * explicitly requested precision must pass the correctness part of the check or the model does
 * not start (a lack of speed is only reported).
 */
public final class PrecisionSelector {

    /** Loads the model at one precision. */
    @FunctionalInterface
    public interface Loader {
        TileClassifier load(Precision precision);
    }

    /** The classifier that serves, at the precision chosen; the caller closes it. */
    public record Selection(TileClassifier classifier, PrecisionChoice choice) {
    }

    private final PrecisionCheck check;
    private final Loader loader;
    private final Consumer<String> log;

    public PrecisionSelector(PrecisionCheck check, Loader loader, Consumer<String> log) {
        this.check = check;
        this.loader = loader;
        this.log = log;
    }

    /**
     * The reduced precisions worth trying: fp16 where TensorFlow placed the model on a GPU, bf16
     * where the CPU has bf16 units (without them oneDNN emulates bf16, slower than fp32).
     */
    public static List<Precision> candidates(boolean onGpu, CpuFeatures cpu) {
        if (onGpu) {
            return List.of(Precision.FP16);
        }
        return cpu.hasNativeBf16() ? List.of(Precision.BF16) : List.of();
    }

    /** Why no reduced precision was tried, for the reason line. */
    public static String noCandidateReason(CpuFeatures cpu) {
        return "bf16 not tried: " + cpu.model() + " has no bf16 units (avx512_bf16 or amx_bf16)";
    }

    /**
     * Serves the fastest candidate that passes, else fp32.
     *
     * @param fp32       the model at fp32, already loaded: the speed baseline and the fallback;
     *                   returned, or closed here
     * @param candidates reduced precisions to try, each loaded in turn
     * @param noneReason the reason to give when {@code candidates} is empty
     */
    public Selection auto(TileClassifier fp32, List<Precision> candidates, String noneReason) {
        if (candidates.isEmpty()) {
            return new Selection(fp32, new PrecisionChoice(Precision.FP32, "fp32 (auto): " + noneReason, List.of()));
        }
        DoubleSupplier fp32Speed = fp32Speed(fp32);
        List<CandidateResult> results = new ArrayList<>();
        TileClassifier best = null;
        CandidateResult bestResult = null;
        for (Precision p : candidates) {
            log.accept("precision self-check: trying " + p.label() + " against fp32 (" + check + ")");
            TileClassifier candidate;
            try {
                candidate = loader.load(p);
            } catch (RuntimeException e) {
                CandidateResult failed = new CandidateResult(p, "it does not load: " + e.getMessage(), 0, false,
                        check.settings().maxBatch(), 0);
                results.add(failed);
                log.accept(failed.reason(check.settings().minSpeedup()));
                continue;
            }
            CandidateResult r;
            try {
                r = check.check(p, candidate, fp32Speed);
            } catch (RuntimeException e) {
                r = new CandidateResult(p, "the check failed: " + e.getMessage(), 0, false,
                        check.settings().maxBatch(), 0);
            }
            results.add(r);
            log.accept(r.reason(check.settings().minSpeedup()));
            if (r.passes() && (bestResult == null || r.speedup() > bestResult.speedup())) {
                if (best != null) {
                    best.close();
                }
                best = candidate;
                bestResult = r;
            } else {
                candidate.close();
            }
        }
        String findings = String.join("; ", results.stream()
                .map(r -> r.reason(check.settings().minSpeedup())).toList());
        if (best == null) {
            return new Selection(fp32, new PrecisionChoice(Precision.FP32, "fp32 (auto): " + findings, results));
        }
        fp32.close();
        return new Selection(best, new PrecisionChoice(bestResult.precision(),
                bestResult.precision().label() + " (auto): " + findings, results));
    }

    /** fp32's tiles per second, measured on first use only, then remembered. */
    private DoubleSupplier fp32Speed(TileClassifier fp32) {
        double[] measured = {Double.NaN};
        return () -> {
            if (Double.isNaN(measured[0])) {
                measured[0] = check.tilesPerSecond(fp32);
            }
            return measured[0];
        };
    }

    /**
     * Serves {@code requested} if its outputs pass the check; a lack of speed is logged, not refused.
     *
     * @param fp32 the model at fp32 (the speed baseline); closed here unless fp32 was requested
     * @throws PrecisionRejectedException naming the failed check, when the outputs do not pass
     */
    public Selection explicit(TileClassifier fp32, Precision requested) {
        if (requested == Precision.FP32) {
            return new Selection(fp32, new PrecisionChoice(Precision.FP32, "fp32 (as requested)", List.of()));
        }
        CandidateResult r;
        TileClassifier candidate;
        try {
            DoubleSupplier fp32Speed = fp32Speed(fp32);
            candidate = loader.load(requested);
            try {
                r = check.check(requested, candidate, fp32Speed);
            } catch (RuntimeException e) {
                candidate.close();
                throw e;
            }
        } finally {
            fp32.close();
        }
        if (!r.correct()) {
            candidate.close();
            throw new PrecisionRejectedException(r, requested.label() + " fails the precision self-check: "
                    + r.failedCheck() + " (every output must be finite, within " + check.settings().tolerance()
                    + " of fp32 and decide as fp32 does)");
        }
        String reason = requested.label() + " (as requested): " + r.reason(check.settings().minSpeedup());
        if (!r.fastEnough()) {
            log.accept(requested.label() + " serves as requested although it is not clearly faster than fp32: "
                    + r.reason(check.settings().minSpeedup()));
        }
        return new Selection(candidate, new PrecisionChoice(requested, reason, List.of(r)));
    }
}

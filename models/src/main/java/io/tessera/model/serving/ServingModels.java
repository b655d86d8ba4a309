package io.tessera.model.serving;

import io.tessera.model.ModelCard;
import io.tessera.model.Ticker;
import io.tessera.model.TileClassifier;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a model for serving at the precision the self-check chooses ({@code auto}), or at the one
 * requested once it has passed the check. The check runs on the calling thread.
 */
public final class ServingModels {
    private static final Logger LOG = LoggerFactory.getLogger(ServingModels.class);

    private ServingModels() {
    }

    /**
     * What to serve at.
     *
     * @param precision  null for auto
     * @param selfCheck  false to serve a requested precision unchecked (auto always checks)
     * @param batchSizes the batch sizes serving uses (1, a frame's tile count, the maximum batch)
     * @param setting    the setting that asked for the precision, named when it fails the check
     */
    public record Request(Precision precision, boolean selfCheck, int intraOpThreads, int interOpThreads,
            List<Integer> batchSizes, String setting) {
        public Request {
            batchSizes = List.copyOf(batchSizes);
            new PrecisionCheck.Settings(batchSizes, PrecisionCheck.DEFAULT_TOLERANCE, PrecisionCheck.DEFAULT_MIN_SPEEDUP,
                    PrecisionCheck.DEFAULT_TIMED_RUNS); // validates
            new SessionConfig(Precision.FP32, intraOpThreads, interOpThreads); // validates
            if (setting == null || setting.isBlank()) {
                throw new IllegalArgumentException("a serving request names the setting of its precision");
            }
        }

        /** Auto, with the thread pools of DJL's system properties (TensorFlow's choice when unset). */
        public static Request auto(List<Integer> batchSizes) {
            ServingOptions threads = ServingOptions.of(Precision.FP32);
            return new Request(null, true, threads.intraOpThreads(), threads.interOpThreads(), batchSizes,
                    "--precision");
        }

        public Request withPrecision(Precision p, boolean check) {
            return new Request(p, check, intraOpThreads, interOpThreads, batchSizes, setting);
        }

        public Request withThreads(int intraOp, int interOp) {
            return new Request(precision, selfCheck, intraOp, interOp, batchSizes, setting);
        }

        public Request withSetting(String name) {
            return new Request(precision, selfCheck, intraOpThreads, interOpThreads, batchSizes, name);
        }

        ServingOptions options(Precision p) {
            return new ServingOptions(p, intraOpThreads, interOpThreads);
        }
    }

    /**
     * @throws PrecisionRejectedException when a requested precision fails the correctness checks
     * @throws IllegalArgumentException   naming the file at fault when the model cannot be loaded
     */
    public static TileClassifier load(Path modelDir, Request request) {
        PrecisionSelector.Selection s;
        try {
            s = select(modelDir, request, CpuFeatures.current());
        } catch (PrecisionRejectedException e) {
            throw new PrecisionRejectedException(e.result(), e.getMessage() + "; set " + request.setting()
                    + " to auto or fp32");
        }
        LOG.info("model {} serves at {}", s.classifier().card().name(), s.choice().reason());
        return new CheckedClassifier(s.classifier(), s.choice());
    }

    /** The device TensorFlow runs a loaded model on, for reports. */
    public static String device(TileClassifier classifier) {
        TileClassifier inner = classifier instanceof CheckedClassifier c ? c.delegate() : classifier;
        return inner instanceof DjlTileClassifier d ? d.device() : "unknown device";
    }

    static PrecisionSelector.Selection select(Path modelDir, Request request, CpuFeatures cpu) {
        if (request.precision() != null && !request.selfCheck()) {
            DjlTileClassifier c = DjlTileClassifier.load(modelDir, request.options(request.precision()));
            return new PrecisionSelector.Selection(c, new PrecisionChoice(request.precision(),
                    request.precision().label() + " (as requested, self-check off)", List.of()));
        }
        DjlTileClassifier fp32 = DjlTileClassifier.load(modelDir, request.options(Precision.FP32));
        if (request.precision() == Precision.FP32) {
            return new PrecisionSelector.Selection(fp32, new PrecisionChoice(Precision.FP32, "fp32 (as requested)",
                    List.of()));
        }
        PrecisionCheck check;
        try {
            ModelCard card = fp32.card();
            if (!ReferenceTiles.presentIn(modelDir)) {
                if (request.precision() == null) {
                    return new PrecisionSelector.Selection(fp32, new PrecisionChoice(Precision.FP32, "fp32 (auto): "
                            + modelDir + " has no " + ReferenceTiles.INDEX_FILE + ", so no reduced precision can be"
                            + " checked", List.of()));
                }
                ReferenceTiles.read(modelDir, card); // throws, naming the missing files
            }
            check = new PrecisionCheck(ReferenceTiles.read(modelDir, card), card.threshold(),
                    new PrecisionCheck.Settings(request.batchSizes(), PrecisionCheck.DEFAULT_TOLERANCE,
                            PrecisionCheck.DEFAULT_MIN_SPEEDUP, PrecisionCheck.DEFAULT_TIMED_RUNS), Ticker.systemTicker());
        } catch (RuntimeException e) {
            fp32.close();
            throw e;
        }
        // from here the selector owns fp32: it returns it or closes it
        PrecisionSelector selector = new PrecisionSelector(check,
                p -> DjlTileClassifier.load(modelDir, request.options(p)), LOG::info);
        if (request.precision() != null) {
            return selector.explicit(fp32, request.precision());
        }
        return selector.auto(fp32, PrecisionSelector.candidates(fp32.onGpu(), cpu),
                PrecisionSelector.noCandidateReason(cpu));
    }
}

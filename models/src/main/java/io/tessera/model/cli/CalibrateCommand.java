package io.tessera.model.cli;

import io.tessera.model.ModelCard;
import io.tessera.model.data.DatasetIndex;
import io.tessera.model.data.LabeledImage;
import io.tessera.model.data.Split;
import io.tessera.model.eval.Evaluation;
import io.tessera.model.eval.EvaluationReport;
import io.tessera.model.eval.PrecisionRun;
import io.tessera.model.eval.ThresholdCalibrator;
import io.tessera.model.serving.Precision;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tessera model calibrate}: the threshold that meets a false-reject target on the VALIDATION groups. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Chooses the decision threshold on the VALIDATION groups so that at most --target-frr of the good"
            + " images are flagged, and stores it (with the validation figures) in the model card.")
public final class CalibrateCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "Model folder (SavedModel + model-card.json); its card is updated.")
    Path model;

    @Option(names = "--data", required = true, description = "Dataset folder holding the VALIDATION groups (e.g. ../shared/datasets/bsdata).")
    Path data;

    @Option(names = "--target-frr", defaultValue = "0.005", description = "Largest acceptable false-reject rate on validation (default: ${DEFAULT-VALUE} = 0.5%%).")
    double targetFrr;

    @Option(names = "--precision", description = "Precision to calibrate at: auto (default: what the self-check serves here), fp32, bf16 or fp16.")
    String precision;

    @Option(names = "--threads", defaultValue = "0", description = "TensorFlow intra-op threads, 0 = all cores (default: ${DEFAULT-VALUE}).")
    int threads;

    @Override
    public Integer call() throws Exception {
        ModelCard card = ModelCard.read(model);
        List<LabeledImage> images = DatasetIndex.scan(data).images(Split.VALIDATION);
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no VALIDATION-group images in " + data + ": calibrate on the full dataset"
                    + " (e.g. ../shared/datasets/bsdata), not on samples/");
        }
        Precision p = precision == null || precision.equalsIgnoreCase("auto") ? null : Precision.parse(precision);
        PrecisionRun run = PrecisionRun.score(model, p, threads, images, System.out::println);
        if (run.failed()) {
            throw new IllegalStateException("cannot calibrate at " + run.asked() + ": " + run.failure());
        }
        double threshold = ThresholdCalibrator.calibrate(run.scores(), targetFrr);
        Evaluation e = run.evaluate(threshold);
        System.out.printf(Locale.ROOT, "%nthreshold %.6f for a false-reject target of %.2f%% on %d validation images"
                + " (%d good, %d defect), %s:%n", threshold, 100 * targetFrr, e.images(), e.goodImages(),
                e.defectImages(), run.served().precision());
        System.out.print(EvaluationReport.text(e));

        Map<String, Object> calibration = new LinkedHashMap<>();
        calibration.put("status", "calibrated");
        calibration.put("date", Instant.now().toString());
        calibration.put("split", "VALIDATION groups (locations 305000_090, 517500_315; KGT index%5==1)");
        calibration.put("precision", run.served().precision());
        calibration.put("targetFalseRejectRate", targetFrr);
        calibration.put("rule", "lowest threshold that flags at most floor(target * good images) good validation"
                + " images");
        calibration.putAll(EvaluationReport.json(e));
        Map<String, Object> details = new LinkedHashMap<>(card.details());
        details.put("calibration", calibration);
        card.withThreshold(threshold).withDetails(details).write(model);
        System.out.println("stored threshold " + threshold + " in " + model.resolve(ModelCard.FILE_NAME));
        return 0;
    }
}

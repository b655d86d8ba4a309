package io.tessera.model.eval;

import io.tessera.model.ServingPrecision;
import io.tessera.model.TileClassifier;
import io.tessera.model.data.LabeledImage;
import io.tessera.model.serving.Precision;
import io.tessera.model.serving.ServingModels;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The scores of a set of images from one model at one asked precision, with the throughput seen;
 * or, when that precision fails its self-check or the model fails on an image, why.
 *
 * @param asked   auto, fp32, bf16 or fp16
 * @param served  the precision that served and why (null when the model did not load)
 * @param failure null when every image was scored; else why this precision has no figures
 */
public record PrecisionRun(String asked, ServingPrecision served, String failure, String device,
        List<ImageScore> scores, double seconds, long tiles) {
    /** The batch sizes eval runs: a lone tile and {@link ImageScorer#MAX_BATCH}, which the self-check scores at. */
    static final List<Integer> CHECK_BATCH_SIZES = List.of(1, ImageScorer.MAX_BATCH);

    public PrecisionRun {
        scores = List.copyOf(scores);
    }

    /** @param precision null for auto */
    public static PrecisionRun score(Path modelDir, Precision precision, int threads, List<LabeledImage> images,
            Consumer<String> progress) {
        String asked = precision == null ? "auto" : precision.label();
        TileClassifier classifier;
        try {
            classifier = ServingModels.load(modelDir, ServingModels.Request.auto(CHECK_BATCH_SIZES)
                    .withPrecision(precision, true).withThreads(threads, 0).withSetting("--precision"));
        } catch (IllegalArgumentException | IllegalStateException e) {
            if (!modelDir.resolve("saved_model.pb").toFile().isFile()) {
                throw e; // no model at all is a usage error, not a figure
            }
            progress.accept(asked + " failed: " + e.getMessage());
            return new PrecisionRun(asked, null, e.getMessage(), "", List.of(), 0, 0);
        }
        try (classifier) {
            ServingPrecision served = classifier.servingPrecision();
            String device = ServingModels.device(classifier);
            progress.accept("scoring " + images.size() + " images with " + classifier.card().name() + " on "
                    + device + ", " + served.reason());
            List<ImageScore> scores;
            long started;
            try {
                // one image first, untimed: TensorFlow rewrites and compiles the graph on the first run
                new ImageScorer(classifier).scoreAll(images.subList(0, Math.min(1, images.size())), s -> { });
                started = System.nanoTime();
                scores = new ImageScorer(classifier).scoreAll(images, progress);
            } catch (RuntimeException e) {
                // e.g. a reduced precision giving NaN on an image the reference tiles did not cover
                progress.accept(asked + " failed: " + e.getMessage());
                return new PrecisionRun(asked, served, "the model failed while scoring: " + e.getMessage(), device,
                        List.of(), 0, 0);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            long tiles = scores.stream().mapToLong(ImageScore::tiles).sum();
            return new PrecisionRun(asked, served, null, device, scores, seconds, tiles);
        }
    }

    public boolean failed() {
        return failure != null;
    }

    public Evaluation evaluate(double threshold) {
        return Evaluation.of(scores, threshold);
    }

    public double tilesPerSecond() {
        return tiles / Math.max(seconds, 1e-9);
    }
}

package io.tessera.model.eval;

import io.tessera.model.ModelCard;
import io.tessera.model.data.LabeledImage;
import io.tessera.model.serving.DjlTileClassifier;
import io.tessera.model.serving.Precision;
import io.tessera.model.serving.ServingOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** The scores of a set of images from one model at one precision, with the throughput seen. */
public record PrecisionRun(Precision precision, String device, String precisionInUse, List<ImageScore> scores,
        double seconds, long tiles) {

    public static PrecisionRun score(Path modelDir, Precision precision, int threads, List<LabeledImage> images,
            Consumer<String> progress) {
        ServingOptions options = new ServingOptions(precision, threads, 0);
        try (DjlTileClassifier classifier = DjlTileClassifier.load(modelDir, options)) {
            progress.accept("scoring " + images.size() + " images with " + classifier.card().name() + " on "
                    + classifier.device() + ", " + classifier.precision());
            // one image first, untimed: TensorFlow rewrites and compiles the graph on the first run
            new ImageScorer(classifier).scoreAll(images.subList(0, Math.min(1, images.size())), s -> { });
            long started = System.nanoTime();
            List<ImageScore> scores = new ImageScorer(classifier).scoreAll(images, progress);
            double seconds = (System.nanoTime() - started) / 1e9;
            long tiles = scores.stream().mapToLong(ImageScore::tiles).sum();
            return new PrecisionRun(precision, classifier.device(), classifier.precision(), scores, seconds, tiles);
        }
    }

    public Evaluation evaluate(double threshold) {
        return Evaluation.of(scores, threshold);
    }

    public double tilesPerSecond() {
        return tiles / Math.max(seconds, 1e-9);
    }

    static ModelCard card(Path modelDir) {
        return ModelCard.read(modelDir);
    }
}

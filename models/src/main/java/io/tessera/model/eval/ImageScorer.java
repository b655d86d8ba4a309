package io.tessera.model.eval;

import io.tessera.model.ModelCard;
import io.tessera.model.TileBatch;
import io.tessera.model.TileClassifier;
import io.tessera.model.data.Dihedral;
import io.tessera.model.data.LabeledImage;
import io.tessera.vision.FrameScore;
import io.tessera.vision.ImageDecoder;
import io.tessera.vision.TileBox;
import io.tessera.vision.TileExtractor;
import io.tessera.vision.TileGrid;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.opencv.core.Mat;

/**
 * Scores whole images the way the stream app scores frames: the shared tile grid and tile
 * extractor built from the model card, the classifier, and {@link FrameScore} aggregation.
 *
 * <p>With more than one view (test-time augmentation) each tile is also classified flipped and
 * rotated ({@link Dihedral} codes 0 to views - 1: 2 adds the mirror image, 4 the vertical flip and
 * the half turn, 8 the quarter turns), and its probability is the mean over the views. The model
 * trained on all eight symmetries, so each view is a tile it could have seen; the mean is an
 * ensemble at the price of {@code views} model calls per tile.
 */
public final class ImageScorer {
    /** Tiles per model call: large enough for throughput, small enough for memory. */
    static final int MAX_BATCH = 32;

    private final TileClassifier classifier;
    private final ModelCard card;
    private final TileExtractor extractor;
    private final int views;

    public ImageScorer(TileClassifier classifier) {
        this(classifier, 1);
    }

    /** @param views 1 (the tile alone), 2, 4 or 8 symmetric views of each tile, averaged */
    public ImageScorer(TileClassifier classifier, int views) {
        if (views != 1 && views != 2 && views != 4 && views != 8) {
            throw new IllegalArgumentException("test-time views must be 1, 2, 4 or 8, got " + views);
        }
        this.classifier = classifier;
        this.card = classifier.card();
        this.extractor = new TileExtractor(card.tiling(), card.normalization());
        this.views = views;
    }

    public FrameScore score(Mat bgr) {
        List<TileBox> boxes = TileGrid.layout(bgr.cols(), bgr.rows(), card.tiling());
        float[] probabilities = new float[boxes.size()];
        for (int start = 0; start < boxes.size(); start += MAX_BATCH) {
            List<TileBox> chunk = boxes.subList(start, Math.min(boxes.size(), start + MAX_BATCH));
            float[] pixels = extractor.extract(bgr, chunk);
            float[] p = classifier.classify(new TileBatch(pixels, chunk.size(), card.inputSize()));
            if (views > 1) {
                p = meanOverViews(pixels, chunk.size(), p);
            }
            System.arraycopy(p, 0, probabilities, start, p.length);
        }
        return FrameScore.aggregate(boxes, probabilities, card.threshold());
    }

    private float[] meanOverViews(float[] pixels, int tiles, float[] identity) {
        int size = card.inputSize();
        int tileFloats = size * size * 3;
        double[] sum = new double[tiles];
        for (int i = 0; i < tiles; i++) {
            sum[i] = identity[i];
        }
        float[] view = new float[pixels.length];
        for (int code = 1; code < views; code++) {
            for (int i = 0; i < tiles; i++) {
                Dihedral.apply(pixels, i * tileFloats, view, i * tileFloats, size, code);
            }
            float[] p = classifier.classify(new TileBatch(view, tiles, size));
            for (int i = 0; i < tiles; i++) {
                sum[i] += p[i];
            }
        }
        float[] mean = new float[tiles];
        for (int i = 0; i < tiles; i++) {
            mean[i] = (float) Math.min(1.0, sum[i] / views);
        }
        return mean;
    }

    public List<ImageScore> scoreAll(List<LabeledImage> images, Consumer<String> progress) {
        return scoreAll(images, progress, () -> false);
    }

    /**
     * Scores every image, polling {@code stopRequested} before each.
     *
     * @throws CancellationException once a stop is requested: a partial set of scores is no figure
     */
    public List<ImageScore> scoreAll(List<LabeledImage> images, Consumer<String> progress,
            BooleanSupplier stopRequested) {
        List<ImageScore> scores = new ArrayList<>(images.size());
        long started = System.nanoTime();
        for (LabeledImage image : images) {
            if (stopRequested.getAsBoolean()) {
                throw new CancellationException("scoring stopped on request after " + scores.size() + " of "
                        + images.size() + " images");
            }
            Mat bgr = ImageDecoder.read(image.image());
            try {
                FrameScore s = score(bgr);
                scores.add(new ImageScore(image, s.score(), s.tileCount()));
            } finally {
                bgr.release();
            }
            if (scores.size() % 25 == 0 || scores.size() == images.size()) {
                double seconds = (System.nanoTime() - started) / 1e9;
                progress.accept(String.format("scored %d/%d images (%.1f images/s)", scores.size(), images.size(),
                        scores.size() / Math.max(seconds, 1e-9)));
            }
        }
        return scores;
    }
}

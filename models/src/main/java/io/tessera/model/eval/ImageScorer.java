package io.tessera.model.eval;

import io.tessera.model.ModelCard;
import io.tessera.model.TileBatch;
import io.tessera.model.TileClassifier;
import io.tessera.model.data.LabeledImage;
import io.tessera.vision.FrameScore;
import io.tessera.vision.ImageDecoder;
import io.tessera.vision.TileBox;
import io.tessera.vision.TileExtractor;
import io.tessera.vision.TileGrid;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.opencv.core.Mat;

/**
 * Scores whole images the way the stream app scores frames: the shared tile grid and tile
 * extractor built from the model card, the classifier, and {@link FrameScore} aggregation.
 */
public final class ImageScorer {
    /** Tiles per model call: large enough for throughput, small enough for memory. */
    static final int MAX_BATCH = 32;

    private final TileClassifier classifier;
    private final ModelCard card;
    private final TileExtractor extractor;

    public ImageScorer(TileClassifier classifier) {
        this.classifier = classifier;
        this.card = classifier.card();
        this.extractor = new TileExtractor(card.tiling(), card.normalization());
    }

    public FrameScore score(Mat bgr) {
        List<TileBox> boxes = TileGrid.layout(bgr.cols(), bgr.rows(), card.tiling());
        float[] probabilities = new float[boxes.size()];
        for (int start = 0; start < boxes.size(); start += MAX_BATCH) {
            List<TileBox> chunk = boxes.subList(start, Math.min(boxes.size(), start + MAX_BATCH));
            float[] pixels = extractor.extract(bgr, chunk);
            float[] p = classifier.classify(new TileBatch(pixels, chunk.size(), card.inputSize()));
            System.arraycopy(p, 0, probabilities, start, p.length);
        }
        return FrameScore.aggregate(boxes, probabilities, card.threshold());
    }

    public List<ImageScore> scoreAll(List<LabeledImage> images, Consumer<String> progress) {
        List<ImageScore> scores = new ArrayList<>(images.size());
        long started = System.nanoTime();
        for (LabeledImage image : images) {
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

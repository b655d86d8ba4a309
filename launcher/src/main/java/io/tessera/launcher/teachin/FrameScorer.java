package io.tessera.launcher.teachin;

import io.tessera.ingest.CapturedFrame;
import io.tessera.model.TileClassifier;
import io.tessera.model.eval.ImageScorer;
import io.tessera.protocol.FrameMetadata;
import io.tessera.vision.ImageDecoder;
import org.opencv.core.Mat;

/**
 * A frame's score as the inspect app computes it: the frame's bytes decoded to BGR pixels, cut with
 * the model card's tiling, classified, and the highest tile defect probability taken ({@link ImageScorer}).
 */
final class FrameScorer {
    private final ImageScorer scorer;

    FrameScorer(TileClassifier classifier) {
        this.scorer = new ImageScorer(classifier);
    }

    /** @throws IllegalArgumentException when the frame's bytes do not decode */
    double score(CapturedFrame frame) {
        FrameMetadata meta = frame.metadata();
        Mat bgr = meta.contentType().isRaw()
                ? ImageDecoder.fromRaw(frame.value(), meta.width(), meta.height(), meta.contentType().channels())
                : ImageDecoder.decode(frame.value());
        try {
            return scorer.score(bgr).score();
        } finally {
            bgr.release();
        }
    }
}

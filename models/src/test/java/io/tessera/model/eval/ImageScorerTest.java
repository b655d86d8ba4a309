package io.tessera.model.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tessera.model.ModelCard;
import io.tessera.model.TileBatch;
import io.tessera.model.TileClassifier;
import io.tessera.vision.OpenCv;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;

/** Whole-image scores, and the mean over test-time views, with a classifier that sees only a tile's left half. */
class ImageScorerTest {
    /** One tile of 64 frame pixels fed at 32, pixels in [0, 1] (nothing normalised), threshold 0.5. */
    private static final ModelCard CARD = new ModelCard("left-half", "1", "left-half-darkness", null, 64, 0, 32,
            new float[] {0, 0, 0}, new float[] {1, 1, 1}, "dataset", 0.5, "input", "output", null);

    /** A tile's score is the darkness of its left half: not symmetric, so its views score differently. */
    private static final class LeftHalfDarkness implements TileClassifier {
        final List<Integer> calls = new ArrayList<>();

        @Override
        public ModelCard card() {
            return CARD;
        }

        @Override
        public float[] classify(TileBatch batch) {
            calls.add(batch.count());
            int size = batch.size();
            float[] pixels = batch.pixels();
            float[] scores = new float[batch.count()];
            for (int t = 0; t < batch.count(); t++) {
                double sum = 0;
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size / 2; x++) {
                        int i = t * size * size * 3 + (y * size + x) * 3;
                        sum += pixels[i] + pixels[i + 1] + pixels[i + 2];
                    }
                }
                scores[t] = (float) (1 - sum / (size * size / 2 * 3));
            }
            return scores;
        }

        @Override
        public void close() {
        }
    }

    @BeforeAll
    static void opencv() {
        OpenCv.load();
    }

    /** White, with the left half black. */
    private static Mat leftHalfBlack() {
        Mat image = new Mat(64, 64, CvType.CV_8UC3, new Scalar(255, 255, 255));
        image.submat(new Rect(0, 0, 32, 64)).setTo(new Scalar(0, 0, 0));
        return image;
    }

    @Test
    void oneViewScoresTheTileAsItIs() {
        LeftHalfDarkness model = new LeftHalfDarkness();
        assertThat(new ImageScorer(model).score(leftHalfBlack()).score()).isCloseTo(1.0, within(1e-6));
        assertThat(model.calls).containsExactly(1);
    }

    @Test
    void twoViewsAverageTheTileAndItsMirrorImage() {
        LeftHalfDarkness model = new LeftHalfDarkness();
        // as it is: the left half is black (1); mirrored: the left half is white (0)
        assertThat(new ImageScorer(model, 2).score(leftHalfBlack()).score()).isCloseTo(0.5, within(1e-6));
        assertThat(model.calls).containsExactly(1, 1);
    }

    @Test
    void fourViewsAddTheVerticalFlipAndTheHalfTurn() {
        LeftHalfDarkness model = new LeftHalfDarkness();
        // as it is 1, mirrored 0, flipped upside down 1, half turn 0
        assertThat(new ImageScorer(model, 4).score(leftHalfBlack()).score()).isCloseTo(0.5, within(1e-6));
        assertThat(model.calls).hasSize(4);
    }

    @Test
    void viewsOtherThanOneTwoFourOrEightAreRefused() {
        assertThatThrownBy(() -> new ImageScorer(new LeftHalfDarkness(), 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1, 2, 4 or 8");
    }
}

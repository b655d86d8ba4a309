package io.tessera.vision;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An image's score from its tiles: the highest tile defect probability, and the tiles at or
 * above the threshold. The stream app's verdicts and {@code model eval}'s image-level figures
 * both come from here.
 *
 * @param defectTiles the tiles whose score reached the threshold, highest first
 */
public record FrameScore(double score, double threshold, int tileCount, List<ScoredTile> defectTiles) {
    public FrameScore {
        defectTiles = List.copyOf(defectTiles);
    }

    public boolean isDefect() {
        return score >= threshold;
    }

    public static FrameScore aggregate(List<TileBox> boxes, float[] probabilities, double threshold) {
        if (boxes.size() != probabilities.length) {
            throw new IllegalArgumentException(boxes.size() + " tiles but " + probabilities.length + " scores");
        }
        if (boxes.isEmpty()) {
            throw new IllegalArgumentException("an image has at least one tile");
        }
        double max = 0;
        List<ScoredTile> defects = new ArrayList<>();
        for (int i = 0; i < boxes.size(); i++) {
            double p = probabilities[i];
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("tile " + i + " has a probability outside [0, 1]: " + p);
            }
            max = Math.max(max, p);
            if (p >= threshold) {
                defects.add(new ScoredTile(boxes.get(i), p));
            }
        }
        defects.sort(Comparator.comparingDouble(ScoredTile::score).reversed());
        return new FrameScore(max, threshold, boxes.size(), defects);
    }
}

package io.tessera.model.data;

/**
 * When a tile counts as a defect: its mask holds at least {@code minDefectPixels} defect pixels
 * (in frame pixels, before any resize). Tiles with a few defect pixels but fewer than that are
 * ambiguous (a sliver of a defect at the border): training leaves them out rather than
 * teaching either answer.
 */
public record TileLabelRule(int minDefectPixels) {
    public TileLabelRule {
        if (minDefectPixels < 1) {
            throw new IllegalArgumentException("min-defect-pixels must be >= 1, got " + minDefectPixels);
        }
    }

    public boolean isDefect(int defectPixels) {
        return defectPixels >= minDefectPixels;
    }

    public boolean isAmbiguous(int defectPixels) {
        return defectPixels > 0 && defectPixels < minDefectPixels;
    }
}

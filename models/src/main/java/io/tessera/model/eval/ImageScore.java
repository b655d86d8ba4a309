package io.tessera.model.eval;

import io.tessera.model.data.LabeledImage;

/** An image's score (highest tile defect probability) with its true label. */
public record ImageScore(LabeledImage image, double score, int tiles) {
    public boolean defect() {
        return image.defect();
    }
}

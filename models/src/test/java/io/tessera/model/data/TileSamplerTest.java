package io.tessera.model.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.model.TestData;
import io.tessera.vision.EdgePolicy;
import io.tessera.vision.Normalization;
import io.tessera.vision.TilingSpec;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TileSamplerTest {

    @Test
    void batchesAreBalancedNormalisedAndReproducible() {
        List<LoadedImage> images = TileSampler.load(DatasetIndex.scan(TestData.samples()).images());
        try {
            TileSampler sampler = new TileSampler(images, new TilingSpec(256, 32, 64, EdgePolicy.SHIFT_INWARD),
                    Normalization.imagenet(), new TileLabelRule(64), Augmentation.standard(), 0.5);
            // one of the 8 sample pitting masks holds fewer than 64 pixels: too small for a defect tile
            assertThat(sampler.defectImageCount()).isEqualTo(7);
            assertThat(sampler.goodImageCount()).isEqualTo(8);

            TileSampler.Batch a = sampler.sample(8, new SplittableRandom(5));
            TileSampler.Batch b = sampler.sample(8, new SplittableRandom(5));
            assertThat(a.labels()).containsExactly(1, 1, 1, 1, 0, 0, 0, 0);
            assertThat(a.pixels()).hasSize(8 * 64 * 64 * 3).containsExactly(b.pixels());
            // ImageNet-normalised pixels of [0, 1] RGB lie within about [-2.2, 2.7]
            for (float p : a.pixels()) {
                assertThat(p).isBetween(-2.2f, 2.7f);
            }
        } finally {
            images.forEach(LoadedImage::close);
        }
    }

    @Test
    void defectPixelsAreCountedInsideATile() {
        LabeledImage pitting = DatasetIndex.scan(TestData.samples()).images().stream().filter(LabeledImage::defect)
                .findFirst().orElseThrow();
        try (LoadedImage image = LoadedImage.load(pitting)) {
            DefectPixels d = image.defects();
            assertThat(d.count()).isPositive();
            assertThat(d.countIn(0, 0, image.width(), image.height())).isEqualTo(d.count());
            assertThat(d.countIn(d.x(0), d.y(0), 1, 1)).isEqualTo(1);
        }
    }

    @Test
    void dihedralTransformsAreThe8SymmetriesOfASquare() {
        int size = 2;
        float[] tile = {1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4}; // [[1,2],[3,4]]
        float[] out = new float[12];
        Dihedral.apply(tile, out, 0, size, 1); // mirror
        assertThat(out[0]).isEqualTo(2);
        Dihedral.apply(tile, out, 0, size, 4); // transpose
        assertThat(new float[] {out[0], out[3], out[6], out[9]}).containsExactly(1, 3, 2, 4);
    }
}

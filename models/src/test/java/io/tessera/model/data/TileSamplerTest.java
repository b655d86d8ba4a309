package io.tessera.model.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.model.TestData;
import io.tessera.vision.EdgePolicy;
import io.tessera.vision.Normalization;
import io.tessera.vision.TilingSpec;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TileSamplerTest {
    private static List<LoadedImage> images;

    @BeforeAll
    static void decodeTheSamples() {
        images = TileSampler.load(DatasetIndex.scan(TestData.samples()).images());
    }

    @AfterAll
    static void releaseTheSamples() {
        images.forEach(LoadedImage::close);
    }

    @Test
    void batchesAreBalancedNormalisedAndReproducible() {
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
    }

    @Test
    void withoutHardNegativesTheSamplerDrawsTheBatchesItAlwaysDrew() {
        TilingSpec spec = new TilingSpec(256, 32, 64, EdgePolicy.SHIFT_INWARD);
        TileSampler plain = new TileSampler(images, spec, Normalization.imagenet(), new TileLabelRule(64),
                Augmentation.standard(), 0.5);
        TileSampler unused = new TileSampler(images, spec, Normalization.imagenet(), new TileLabelRule(64),
                Augmentation.standard(), 0.5, HardNegativeMining.none());
        TileSampler.Batch a = plain.sample(8, new SplittableRandom(11));
        unused.learn(a, new float[] {1, 1, 1, 1, 1, 1, 1, 1});
        assertThat(unused.hardNegatives()).isEmpty();
        assertThat(unused.sample(8, new SplittableRandom(11)).pixels()).containsExactly(a.pixels());
    }

    @Test
    void goodCropsTheModelScoredHighAreDrawnAgain() {
        TileSampler sampler = new TileSampler(images, new TilingSpec(256, 32, 64, EdgePolicy.SHIFT_INWARD),
                Normalization.imagenet(), new TileLabelRule(64), Augmentation.standard(), 0.5, HardNegativeMining.share(0.5));
        TileSampler.Batch first = sampler.sample(8, new SplittableRandom(1));
        // the model called the first good tile (index 4) a defect and the other good ones clearly good
        sampler.learn(first, new float[] {0.9f, 0.9f, 0.9f, 0.9f, 0.95f, 0.01f, 0.02f, 0.03f});
        TileSampler.Crop hard = first.crops().get(4);
        assertThat(sampler.hardNegatives()).singleElement().satisfies(e -> {
            assertThat(e.x()).isEqualTo(hard.x());
            assertThat(e.y()).isEqualTo(hard.y());
            assertThat(e.probability()).isEqualTo(0.95f);
        });

        int drawnAgain = 0;
        int goodTiles = 0;
        for (int seed = 0; seed < 20; seed++) {
            TileSampler.Batch next = sampler.sample(8, new SplittableRandom(100 + seed));
            for (int i = 4; i < 8; i++) {
                goodTiles++;
                if (next.crops().get(i).equals(hard)) {
                    drawnAgain++;
                }
            }
        }
        // about half the good tiles (the share), never all: the rest are fresh crops
        assertThat(drawnAgain).isBetween(goodTiles / 4, goodTiles * 3 / 4);
    }

    @Test
    void miningFromGoodImagesNeverKeepsTheUnmaskedSurfaceOfADefectImage() {
        TilingSpec spec = new TilingSpec(256, 32, 64, EdgePolicy.SHIFT_INWARD);
        TileSampler fromAny = new TileSampler(images, spec, Normalization.imagenet(), new TileLabelRule(64),
                Augmentation.standard(), 0.5, HardNegativeMining.share(0.5));
        TileSampler fromGood = new TileSampler(images, spec, Normalization.imagenet(), new TileLabelRule(64),
                Augmentation.standard(), 0.5, new HardNegativeMining(0.5, HardNegativeMining.Source.GOOD_IMAGES));
        float[] allLookLikeDefects = new float[8];
        Arrays.fill(allLookLikeDefects, 0.9f);
        for (int seed = 0; seed < 10; seed++) {
            // the same batches for both: the pools start empty, so neither draws from its pool yet
            TileSampler.Batch batch = fromAny.sample(8, new SplittableRandom(seed));
            fromAny.learn(batch, allLookLikeDefects);
            fromGood.learn(batch, allLookLikeDefects);
        }
        // the batches did hold good crops of pitting images, so the filter had something to refuse
        assertThat(fromAny.hardNegatives()).anySatisfy(e -> assertThat(e.image()).startsWith("pitting/"));
        assertThat(fromGood.hardNegatives()).isNotEmpty()
                .allSatisfy(e -> assertThat(e.image()).startsWith("ok/"));
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

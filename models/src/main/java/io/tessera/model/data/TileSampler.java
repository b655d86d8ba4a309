package io.tessera.model.data;

import io.tessera.vision.EdgePolicy;
import io.tessera.vision.Normalization;
import io.tessera.vision.TileBox;
import io.tessera.vision.TileExtractor;
import io.tessera.vision.TilingSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.opencv.core.Mat;
import org.opencv.core.Rect;

/**
 * Draws class-balanced, augmented training tiles from decoded images. A defect tile is placed
 * around a random defect pixel of a random defect image (so every defect gets seen, wherever
 * it lies); a good tile is a random crop of a good image, or of a defect-free region of a
 * defect image (hard negatives from the same surfaces). With hard-negative mining, a share of
 * good tiles is drawn again from the good crops the model last scored highest
 * ({@link HardNegativeMining}, {@link HardNegatives}, fed by {@link #learn}). Tiles go through the shared
 * {@link TileExtractor}, so training sees exactly what serving feeds the model.
 */
public final class TileSampler {
    /** Share of good tiles cut from the clean parts of defect images. */
    private static final double CLEAN_REGION_SHARE = 0.3;
    private static final int MAX_TRIES = 50;
    private static final int SIZE_QUANTUM = 4;

    /** A batch of tiles: NHWC floats, a label per tile (1 = defect) and the crop each was cut from. */
    public record Batch(float[] pixels, int[] labels, int inputSize, List<Crop> crops) {
    }

    /** Where a tile was cut, before augmentation, and the tile size it was cut for. */
    public record Crop(LoadedImage image, int x, int y, int width, int height, int tileSize) {
    }

    private final List<LoadedImage> defectImages;
    private final List<LoadedImage> goodImages;
    private final TilingSpec spec;
    private final Normalization normalization;
    private final TileLabelRule rule;
    private final Augmentation augmentation;
    private final double defectFraction;
    private final HardNegativeMining mining;
    private final HardNegatives hardNegatives = HardNegatives.withDefaults();
    private final Map<String, LoadedImage> byName = new HashMap<>();

    public TileSampler(List<LoadedImage> images, TilingSpec spec, Normalization normalization, TileLabelRule rule,
            Augmentation augmentation, double defectFraction) {
        this(images, spec, normalization, rule, augmentation, defectFraction, HardNegativeMining.none());
    }

    public TileSampler(List<LoadedImage> images, TilingSpec spec, Normalization normalization, TileLabelRule rule,
            Augmentation augmentation, double defectFraction, HardNegativeMining mining) {
        this.defectImages = images.stream().filter(i -> i.defects().count() >= rule.minDefectPixels()).toList();
        this.goodImages = images.stream().filter(i -> !i.source().defect()).toList();
        if (defectImages.isEmpty()) {
            throw new IllegalArgumentException("training needs defect images whose masks hold at least "
                    + rule.minDefectPixels() + " defect pixels; got " + defectImages.size()
                    + " defect and " + goodImages.size() + " good images");
        }
        if (!(defectFraction > 0 && defectFraction < 1)) {
            throw new IllegalArgumentException("defect fraction must be within (0, 1), got " + defectFraction);
        }
        this.spec = spec;
        this.normalization = normalization;
        this.rule = rule;
        this.augmentation = augmentation;
        this.defectFraction = defectFraction;
        this.mining = Objects.requireNonNull(mining, "mining");
        for (LoadedImage image : images) {
            byName.put(nameOf(image), image);
        }
    }

    private static String nameOf(LoadedImage image) {
        return image.source().className() + "/" + image.source().fileName();
    }

    public int defectImageCount() {
        return defectImages.size();
    }

    public int goodImageCount() {
        return goodImages.size();
    }

    public Batch sample(int batchSize, SplittableRandom random) {
        int input = spec.inputSize();
        int tileFloats = input * input * 3;
        float[] pixels = new float[batchSize * tileFloats];
        int[] labels = new int[batchSize];
        List<Crop> crops = new ArrayList<>(batchSize);
        float[] scratch = new float[tileFloats];
        // a fixed count of defect tiles per batch: balanced batches, less noisy steps
        int defects = (int) Math.round(batchSize * defectFraction);
        for (int i = 0; i < batchSize; i++) {
            boolean defect = i < defects;
            int size = tileSize(random);
            Crop crop = defect ? defectCrop(size, random) : goodCrop(size, random);
            crops.add(crop);
            extract(crop, scratch, random);
            if (augmentation.dihedral()) {
                Dihedral.apply(scratch, pixels, i * tileFloats, input, random.nextInt(8));
            } else {
                System.arraycopy(scratch, 0, pixels, i * tileFloats, tileFloats);
            }
            labels[i] = defect ? 1 : 0;
        }
        return new Batch(pixels, labels, input, List.copyOf(crops));
    }

    /** What the model said of a batch's tiles in its training step: good tiles it scored high are drawn again. */
    public void learn(Batch batch, float[] defectProbability) {
        for (int i = 0; i < batch.labels().length; i++) {
            Crop c = batch.crops().get(i);
            if (batch.labels()[i] == 0 && mining.mines(c.image())) {
                hardNegatives.offer(new HardNegatives.Entry(nameOf(c.image()), c.x(), c.y(), c.width(), c.height(),
                        c.tileSize(), defectProbability[i]));
            }
        }
    }

    /** The hard negatives now remembered, for a checkpoint. */
    public List<HardNegatives.Entry> hardNegatives() {
        return hardNegatives.snapshot();
    }

    /** Continues with a checkpoint's hard negatives; entries of images not in this run are refused. */
    public void restoreHardNegatives(List<HardNegatives.Entry> snapshot) {
        for (HardNegatives.Entry e : snapshot) {
            if (!byName.containsKey(e.image())) {
                throw new IllegalArgumentException("checkpoint names hard negative " + e.image()
                        + ", which is not among this run's training images");
            }
        }
        hardNegatives.restore(snapshot);
    }

    private int tileSize(SplittableRandom random) {
        if (augmentation.scaleJitter() == 0) {
            return spec.tileSize();
        }
        double factor = 1 + (random.nextDouble() * 2 - 1) * augmentation.scaleJitter();
        return Math.max(SIZE_QUANTUM, (int) Math.round(spec.tileSize() * factor / SIZE_QUANTUM) * SIZE_QUANTUM);
    }

    private Crop defectCrop(int size, SplittableRandom random) {
        for (int attempt = 0; attempt < MAX_TRIES; attempt++) {
            LoadedImage image = defectImages.get(random.nextInt(defectImages.size()));
            DefectPixels d = image.defects();
            int pick = random.nextInt(d.count());
            int w = Math.min(size, image.width());
            int h = Math.min(size, image.height());
            int x = around(d.x(pick), w, image.width(), random);
            int y = around(d.y(pick), h, image.height(), random);
            if (rule.isDefect(d.countIn(x, y, w, h))) {
                return new Crop(image, x, y, w, h, size);
            }
        }
        throw new IllegalStateException("found no tile with " + rule.minDefectPixels() + " defect pixels in "
                + MAX_TRIES + " tries: is min-defect-pixels larger than the defects?");
    }

    private Crop goodCrop(int size, SplittableRandom random) {
        // the share is tested first, so a sampler without hard negatives draws exactly the numbers it always did
        if (mining.enabled() && random.nextDouble() < mining.share() && !hardNegatives.isEmpty()) {
            HardNegatives.Entry e = hardNegatives.draw(random);
            return new Crop(byName.get(e.image()), e.x(), e.y(), e.width(), e.height(), e.tileSize());
        }
        for (int attempt = 0; attempt < MAX_TRIES; attempt++) {
            boolean fromDefectImage = goodImages.isEmpty() || random.nextDouble() < CLEAN_REGION_SHARE;
            List<LoadedImage> pool = fromDefectImage ? defectImages : goodImages;
            LoadedImage image = pool.get(random.nextInt(pool.size()));
            int w = Math.min(size, image.width());
            int h = Math.min(size, image.height());
            int x = random.nextInt(image.width() - w + 1);
            int y = random.nextInt(image.height() - h + 1);
            if (image.defects().countIn(x, y, w, h) == 0) {
                return new Crop(image, x, y, w, h, size);
            }
        }
        throw new IllegalStateException("found no defect-free tile in " + MAX_TRIES + " tries");
    }

    /** A tile origin such that the tile of {@code extent} contains {@code p}, anywhere within it. */
    private static int around(int p, int extent, int limit, SplittableRandom random) {
        int lo = Math.max(0, p - extent + 1);
        int hi = Math.min(p, limit - extent);
        return hi <= lo ? Math.max(0, Math.min(lo, limit - extent)) : lo + random.nextInt(hi - lo + 1);
    }

    private void extract(Crop crop, float[] out, SplittableRandom random) {
        TileExtractor extractor = new TileExtractor(new TilingSpec(crop.tileSize(), 0, spec.inputSize(), EdgePolicy.SHIFT_INWARD),
                normalization);
        Mat roi = crop.image().bgr().submat(new Rect(crop.x(), crop.y(), crop.width(), crop.height()));
        Mat adjusted = new Mat();
        try {
            double alpha = 1 + (random.nextDouble() * 2 - 1) * augmentation.contrast();
            double beta = (random.nextDouble() * 2 - 1) * augmentation.brightness() * 255;
            // contrast around mid-grey, then brightness; saturates at 0 and 255 like a real exposure change
            roi.convertTo(adjusted, -1, alpha, beta + 128 * (1 - alpha));
            StationLook.apply(adjusted, augmentation, random);
            extractor.extractInto(adjusted, new TileBox(0, 0, 0, crop.width(), crop.height()), out, 0);
        } finally {
            roi.release();
            adjusted.release();
        }
    }

    /** Decodes the images of a split (logging progress is the caller's job). */
    public static List<LoadedImage> load(List<LabeledImage> images) {
        List<LoadedImage> loaded = new ArrayList<>(images.size());
        for (LabeledImage image : images) {
            loaded.add(LoadedImage.load(image));
        }
        return loaded;
    }
}

package io.tessera.model.serving;

import io.tessera.model.ModelCard;
import io.tessera.model.TileBatch;
import io.tessera.model.TileClassifier;
import io.tessera.model.data.LabeledImage;
import io.tessera.vision.ImageDecoder;
import io.tessera.vision.OpenCv;
import io.tessera.vision.TileBox;
import io.tessera.vision.TileExtractor;
import io.tessera.vision.TileGrid;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfInt;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Cuts the reference tiles of a model from real images with the card's tiling and scores them at
 * fp32. Deterministic: images in path order, and from each the same tiles are picked, so the
 * files only change when the model, the images or the tiling do.
 */
public final class ReferenceTilesMaker {
    /** Tiles this close to the threshold are left out: a legitimate rounding difference could flip them. */
    static final double THRESHOLD_MARGIN = 0.05;
    static final int COLUMNS = 8;
    private static final int SCORING_BATCH = 32;

    private final TileClassifier fp32;
    private final ModelCard card;

    /** @param fp32 the model at fp32: its scores are the reference */
    public ReferenceTilesMaker(TileClassifier fp32) {
        this.fp32 = fp32;
        this.card = fp32.card();
    }

    private record Scored(LabeledImage image, TileBox box, float score) {
    }

    /**
     * Writes {@link ReferenceTiles#IMAGE_FILE} and {@link ReferenceTiles#INDEX_FILE} into {@code modelDir}.
     *
     * @param count tiles to keep (spread evenly over the images: each image's two highest-scoring
     *              tiles, then tiles evenly spaced over its grid)
     */
    public ReferenceTiles.Index make(List<LabeledImage> images, int count, Path modelDir, Consumer<String> progress)
            throws IOException {
        List<LabeledImage> ordered = images.stream().sorted(Comparator.comparing(i -> i.image().toString())).toList();
        if (ordered.isEmpty() || count <= 0) {
            throw new IllegalArgumentException("reference tiles need at least one image and a positive count");
        }
        OpenCv.load();
        int perImage = (count + ordered.size() - 1) / ordered.size();
        List<Scored> chosen = new ArrayList<>();
        List<float[]> chosenPixels = new ArrayList<>();
        Mat grid = new Mat(((count + COLUMNS - 1) / COLUMNS) * card.inputSize(), COLUMNS * card.inputSize(),
                CvType.CV_8UC3);
        TileExtractor extractor = new TileExtractor(card.tiling(), card.normalization());
        try {
            for (LabeledImage image : ordered) {
                if (chosen.size() >= count) {
                    break;
                }
                Mat bgr = ImageDecoder.read(image.image());
                try {
                    List<TileBox> boxes = TileGrid.layout(bgr.cols(), bgr.rows(), card.tiling());
                    float[] pixels = extractor.extract(bgr, boxes);
                    List<Scored> scored = score(image, boxes, pixels);
                    for (Scored s : pick(scored, Math.min(perImage, count - chosen.size()))) {
                        int slot = chosen.size();
                        chosen.add(s);
                        float[] tile = new float[extractor.tileFloats()];
                        System.arraycopy(pixels, s.box().index() * tile.length, tile, 0, tile.length);
                        chosenPixels.add(tile);
                        place(bgr, s.box(), grid, slot);
                    }
                    progress.accept("scored " + boxes.size() + " tiles of " + image.fileName() + ", kept "
                            + chosen.size() + "/" + count);
                } finally {
                    bgr.release();
                }
            }
            Path imageFile = modelDir.resolve(ReferenceTiles.IMAGE_FILE);
            if (!Imgcodecs.imwrite(imageFile.toString(), grid, new MatOfInt(
                    Imgcodecs.IMWRITE_PNG_COMPRESSION, 9))) {
                throw new IOException("cannot write " + imageFile);
            }
        } finally {
            grid.release();
        }
        List<ReferenceTiles.Entry> entries = chosen.stream().map(s -> new ReferenceTiles.Entry(
                s.image().fileName(), s.box().x(), s.box().y(), s.box().width(), s.score())).toList();
        ReferenceTiles.Index index = new ReferenceTiles.Index("tiles cut from real images with this model's tiling"
                + " (" + card.tileSize() + "px, overlap " + card.tileOverlap() + ", resized to " + card.inputSize()
                + "px), stored 8-bit lossless in " + ReferenceTiles.IMAGE_FILE + " (row-major, " + COLUMNS
                + " per row), with the model's fp32 defect probability of each; reduced precisions are checked"
                + " against these scores before they serve", card.name(), card.version(), card.inputSize(), COLUMNS,
                card.threshold(), entries);
        ReferenceTiles.writeIndex(modelDir.resolve(ReferenceTiles.INDEX_FILE), index);
        checkRoundTrip(modelDir, chosenPixels);
        return index;
    }

    private List<Scored> score(LabeledImage image, List<TileBox> boxes, float[] pixels) {
        int floats = card.inputSize() * card.inputSize() * 3;
        List<Scored> scored = new ArrayList<>(boxes.size());
        for (int start = 0; start < boxes.size(); start += SCORING_BATCH) {
            int n = Math.min(SCORING_BATCH, boxes.size() - start);
            float[] chunk = new float[n * floats];
            System.arraycopy(pixels, start * floats, chunk, 0, chunk.length);
            float[] p = fp32.classify(new TileBatch(chunk, n, card.inputSize()));
            for (int i = 0; i < n; i++) {
                scored.add(new Scored(image, boxes.get(start + i), p[i]));
            }
        }
        return scored;
    }

    /** The two highest-scoring tiles, then tiles evenly spaced over the grid; none close to the threshold. */
    private List<Scored> pick(List<Scored> scored, int n) {
        List<Scored> clear = scored.stream()
                .filter(s -> Math.abs(s.score() - card.threshold()) >= THRESHOLD_MARGIN).toList();
        List<Scored> picked = new ArrayList<>();
        clear.stream().sorted(Comparator.comparingDouble(Scored::score).reversed()).limit(Math.min(2, n))
                .forEach(picked::add);
        List<Scored> rest = clear.stream().filter(s -> !picked.contains(s)).toList();
        int wanted = n - picked.size();
        for (int k = 0; k < wanted && !rest.isEmpty(); k++) {
            picked.add(rest.get((int) ((long) k * rest.size() / wanted)));
        }
        return picked;
    }

    private void place(Mat bgr, TileBox box, Mat grid, int slot) {
        int size = card.inputSize();
        Mat roi = bgr.submat(new Rect(box.x(), box.y(), box.width(), box.height()));
        Mat target = grid.submat(new Rect((slot % COLUMNS) * size, (slot / COLUMNS) * size, size, size));
        try {
            if (box.width() != card.tileSize() || box.height() != card.tileSize()) {
                throw new IllegalArgumentException("tile " + box + " is not a full " + card.tileSize()
                        + "px tile: reference tiles are cut from images at least one tile in size");
            }
            // the same 8-bit INTER_AREA resize as TileExtractor, so the stored pixels are the model's input
            Imgproc.resize(roi, target, new Size(size, size), 0, 0, Imgproc.INTER_AREA);
        } finally {
            roi.release();
            target.release();
        }
    }

    /** The stored tiles must give the model exactly the floats that were scored. */
    private void checkRoundTrip(Path modelDir, List<float[]> expected) {
        ReferenceTiles stored = ReferenceTiles.read(modelDir, card);
        int floats = stored.size() * stored.size() * 3;
        for (int t = 0; t < expected.size(); t++) {
            for (int i = 0; i < floats; i++) {
                if (stored.pixels()[t * floats + i] != expected.get(t)[i]) {
                    throw new IllegalStateException("reference tile " + t + " read back from "
                            + modelDir.resolve(ReferenceTiles.IMAGE_FILE) + " differs from the tile that was scored"
                            + " at value " + i);
                }
            }
        }
    }
}

package io.tessera.model.serving;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tessera.model.ModelCard;
import io.tessera.model.TileBatch;
import io.tessera.vision.EdgePolicy;
import io.tessera.vision.ImageDecoder;
import io.tessera.vision.TileBox;
import io.tessera.vision.TileExtractor;
import io.tessera.vision.TilingSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Mat;

/**
 * Real tiles shipped with a model, with the scores the model gave them at fp32: the yardstick a
 * reduced precision is held to before it serves. Stored beside the model card as
 * {@code reference-tiles.png} (the tiles at the model's input size, 8-bit, laid out in a grid;
 * lossless, so the model sees exactly the pixels that were scored) and
 * {@code reference-tiles.json} (where each tile came from and its fp32 score).
 *
 * @param pixels     every tile normalised as the model expects, NHWC, tile after tile
 * @param fp32Scores the fp32 defect probability of each tile, in the same order
 */
public record ReferenceTiles(float[] pixels, int count, int size, float[] fp32Scores) {
    public static final String IMAGE_FILE = "reference-tiles.png";
    public static final String INDEX_FILE = "reference-tiles.json";

    public ReferenceTiles {
        if (count <= 0 || fp32Scores.length != count || pixels.length != (long) count * size * size * 3) {
            throw new IllegalArgumentException("reference tiles: " + count + " tiles of " + size + "px need "
                    + count + " scores and " + (long) count * size * size * 3 + " floats, got " + fp32Scores.length
                    + " and " + pixels.length);
        }
    }

    /** What {@code reference-tiles.json} holds. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Index(String about, String model, String version, int tileSize, int columns, double threshold,
            List<Entry> tiles) {
    }

    /** One tile: its source image and box (frame pixels), and its fp32 score. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Entry(String image, int x, int y, int size, float fp32Score) {
    }

    public static boolean presentIn(Path modelDir) {
        return Files.isRegularFile(modelDir.resolve(IMAGE_FILE)) && Files.isRegularFile(modelDir.resolve(INDEX_FILE));
    }

    /**
     * Reads the reference tiles of a model folder.
     *
     * @throws IllegalArgumentException naming the file that is missing or does not match the card
     */
    public static ReferenceTiles read(Path modelDir, ModelCard card) {
        Path indexFile = modelDir.resolve(INDEX_FILE);
        Path imageFile = modelDir.resolve(IMAGE_FILE);
        if (!presentIn(modelDir)) {
            throw new IllegalArgumentException("the precision self-check needs " + imageFile + " and " + indexFile
                    + " (create them with `tessera model reference-tiles --model " + modelDir + " --data <images>`)");
        }
        Index index;
        try {
            index = JsonMapper.builder().build().readValue(indexFile.toFile(), Index.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + indexFile + ": " + e.getMessage(), e);
        }
        if (index.tileSize() != card.inputSize() || index.tiles() == null || index.tiles().isEmpty()) {
            throw new IllegalArgumentException(indexFile + " holds tiles of " + index.tileSize() + "px, but "
                    + modelDir.resolve(ModelCard.FILE_NAME) + " says inputSize " + card.inputSize());
        }
        Mat grid = ImageDecoder.read(imageFile);
        try {
            int count = index.tiles().size();
            int size = index.tileSize();
            List<TileBox> boxes = gridBoxes(count, size, index.columns());
            TileBox last = boxes.get(count - 1);
            if (grid.cols() < last.x() + size || grid.rows() < last.y() + size) {
                throw new IllegalArgumentException(imageFile + " is " + grid.cols() + "x" + grid.rows()
                        + ", too small for the " + count + " tiles " + indexFile + " lists");
            }
            // The tiles are already at the input size: the extractor only converts and normalises.
            TileExtractor extractor = new TileExtractor(new TilingSpec(size, 0, size, EdgePolicy.SHIFT_INWARD),
                    card.normalization());
            float[] pixels = extractor.extract(grid, boxes);
            float[] scores = new float[count];
            for (int i = 0; i < count; i++) {
                scores[i] = index.tiles().get(i).fp32Score();
            }
            return new ReferenceTiles(pixels, count, size, scores);
        } finally {
            grid.release();
        }
    }

    /** Where tile {@code i} sits in the stored grid image. */
    static List<TileBox> gridBoxes(int count, int size, int columns) {
        List<TileBox> boxes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            boxes.add(new TileBox(i, (i % columns) * size, (i / columns) * size, size, size));
        }
        return boxes;
    }

    /**
     * {@code batchSize} tiles starting at tile {@code start}, wrapping around, so every batch of a
     * check is full whatever its size.
     *
     * @return the batch and, for each of its tiles, the reference tile it is
     */
    public TileBatch batch(int start, int batchSize, int[] tileOfSlot) {
        int floats = size * size * 3;
        float[] out = new float[batchSize * floats];
        for (int slot = 0; slot < batchSize; slot++) {
            int tile = (start + slot) % count;
            tileOfSlot[slot] = tile;
            System.arraycopy(pixels, tile * floats, out, slot * floats, floats);
        }
        return new TileBatch(out, batchSize, size);
    }

    static void writeIndex(Path file, Index index) throws IOException {
        JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValue(file.toFile(), index);
    }
}

package io.tessera.bench;

import io.tessera.model.TileBatch;
import io.tessera.model.TileClassifier;
import io.tessera.stream.inspect.FrameTiler;
import io.tessera.stream.inspect.TiledFrame;
import io.tessera.vision.ImageDecoder;
import io.tessera.vision.TilingSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.opencv.core.Mat;

/** The model alone: the classifier on batches of real tiles, no Kafka, no decoding in the loop. */
public final class ModelBench {
    private final TileClassifier classifier;
    private final float[] pool;
    private final int poolTiles;
    private final int tileFloats;
    private final int inputSize;

    private ModelBench(TileClassifier classifier, float[] pool, int poolTiles, int inputSize) {
        this.classifier = classifier;
        this.pool = pool;
        this.poolTiles = poolTiles;
        this.inputSize = inputSize;
        this.tileFloats = inputSize * inputSize * 3;
    }

    /** Tiles cut with the pipeline's tiling from the sample images, at least {@code minTiles} of them. */
    public static ModelBench fromSamples(TileClassifier classifier, TilingSpec tiling, Path samples, int minTiles) {
        FrameTiler tiler = new FrameTiler(tiling, classifier.card().normalization());
        List<Path> images;
        try (Stream<Path> files = Files.walk(samples)) {
            images = files.filter(p -> p.toString().endsWith(".jpg") && !p.toString().contains("masks")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (images.isEmpty()) {
            throw new IllegalStateException("no sample images under " + samples);
        }
        int tileFloats = tiling.inputSize() * tiling.inputSize() * 3;
        float[] pool = new float[minTiles * tileFloats];
        int filled = 0;
        for (int i = 0; filled < minTiles; i++) {
            Mat image = ImageDecoder.read(images.get(i % images.size()));
            TiledFrame tiles;
            try {
                tiles = tiler.tile(image);
            } finally {
                image.release();
            }
            int take = Math.min(tiles.count(), minTiles - filled);
            System.arraycopy(tiles.pixels(), 0, pool, filled * tileFloats, take * tileFloats);
            filled += take;
        }
        return new ModelBench(classifier, pool, minTiles, tiling.inputSize());
    }

    /** Tiles per second at {@code batchSize}, after {@code warmup} calls, over at least {@code minTime} and 3 calls. */
    public double tilesPerSecond(int batchSize, int warmup, Duration minTime) {
        return measure(batchSize, warmup, minTime).tilesPerSecond();
    }

    /**
     * Tiles classified, wall time and the process's CPU time, at {@code batchSize}, after
     * {@code warmup} calls, over at least {@code minTime} and 3 calls. CPU time per tile is far
     * less disturbed than wall time by other work on a shared machine.
     */
    public Measurement measure(int batchSize, int warmup, Duration minTime) {
        float[] batch = new float[batchSize * tileFloats];
        int cursor = 0;
        for (int i = 0; i < warmup; i++) {
            cursor = fill(batch, batchSize, cursor);
            classifier.classify(new TileBatch(batch, batchSize, inputSize));
        }
        long cpuStart = ProcessCpu.nanos();
        long start = System.nanoTime();
        long end = start + minTime.toNanos();
        long tiles = 0;
        int calls = 0;
        long now = start;
        while (now < end || calls < 3) {
            cursor = fill(batch, batchSize, cursor);
            classifier.classify(new TileBatch(batch, batchSize, inputSize));
            tiles += batchSize;
            calls++;
            now = System.nanoTime();
        }
        return new Measurement(tiles, now - start, ProcessCpu.nanos() - cpuStart);
    }

    /** One measurement: tiles, wall nanoseconds, process CPU nanoseconds. */
    public record Measurement(long tiles, long wallNanos, long cpuNanos) {
        public double tilesPerSecond() {
            return tiles / (wallNanos / 1e9);
        }

        public double cpuMsPerTile() {
            return cpuNanos / 1e6 / tiles;
        }
    }

    private int fill(float[] batch, int count, int cursor) {
        for (int t = 0; t < count; t++) {
            System.arraycopy(pool, cursor * tileFloats, batch, t * tileFloats, tileFloats);
            cursor = (cursor + 1) % poolTiles;
        }
        return cursor;
    }
}

package io.tessera.bench;

import io.tessera.ingest.sim.Composition;
import io.tessera.ingest.sim.FrameComposer;
import io.tessera.ingest.sim.ImageLibrary;
import io.tessera.ingest.sim.SampleImages;
import io.tessera.model.ModelCard;
import io.tessera.model.TileBatch;
import io.tessera.model.TileClassifier;
import io.tessera.model.serving.DjlTileClassifier;
import io.tessera.model.serving.ModelOutputException;
import io.tessera.model.serving.Precision;
import io.tessera.model.serving.ServingOptions;
import io.tessera.stream.inspect.FrameTiler;
import io.tessera.stream.inspect.TiledFrame;
import io.tessera.vision.ImageDecoder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Scores simulated 2K frames (the bench's and the demo's) tile batch by tile batch at one
 * precision and prints which frames give outputs that are not probabilities:
 * {@code SimulatedFrameProbe <model dir> <precision> <frames> [batch] [jpeg quality]} (batch 0: a
 * whole frame per call; a JPEG quality sends each frame through JPEG first, as the demo's cameras do). For the bf16 NaN notes in models/README.md; run in a fresh JVM per setting.
 */
public final class SimulatedFrameProbe {
    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        Precision precision = Precision.parse(args[1]);
        int frames = Integer.parseInt(args[2]);
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        int jpeg = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        ModelCard card = ModelCard.read(dir);
        FrameTiler tiler = new FrameTiler(card.tiling(), card.normalization());
        SplittableRandom rng = new SplittableRandom(7);
        int badFrames = 0;
        int badTiles = 0;
        try (ImageLibrary library = ImageLibrary.load(SampleImages.locate(), 1.0, 64, 7);
                TileClassifier c = DjlTileClassifier.load(dir, new ServingOptions(precision, 0, 0))) {
            FrameComposer composer = new FrameComposer(library, 2048, 1080);
            for (int f = 0; f < frames; f++) {
                Composition frame = composer.compose(rng, f % 3 == 0);
                TiledFrame tiles;
                try {
                    if (jpeg > 0) {
                        MatOfByte encoded = new MatOfByte();
                        Imgcodecs.imencode(".jpg", frame.image(), encoded,
                                new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, jpeg));
                        Mat decoded = ImageDecoder.decode(encoded.toArray());
                        try {
                            tiles = tiler.tile(decoded);
                        } finally {
                            decoded.release();
                        }
                    } else {
                        tiles = tiler.tile(frame.image());
                    }
                } finally {
                    frame.image().release();
                }
                int n = tiles.count();
                int per = batch == 0 ? n : batch;
                int floats = tiles.inputSize() * tiles.inputSize() * 3;
                int bad = 0;
                StringBuilder where = new StringBuilder();
                for (int start = 0; start < n; start += per) {
                    int k = Math.min(per, n - start);
                    float[] px = Arrays.copyOfRange(tiles.pixels(), start * floats, (start + k) * floats);
                    try {
                        c.classify(new TileBatch(px, k, tiles.inputSize()));
                    } catch (ModelOutputException e) {
                        bad += e.badValues();
                        where.append(" [tiles ").append(start).append("..").append(start + k - 1).append(": ")
                                .append(e.badValues()).append(" bad]");
                    }
                }
                if (bad > 0) {
                    badFrames++;
                    badTiles += bad;
                }
                System.out.printf(Locale.ROOT, "FRAME %d (%s, %d tiles): %d bad outputs%s%n", f,
                        frame.truth() == null ? "?" : frame.truth(), n, bad, where);
            }
        }
        System.out.printf(Locale.ROOT, "PROBE %s batch %s: %d of %d frames with bad outputs, %d bad tile outputs%n",
                precision.label(), batch == 0 ? "frame" : Integer.toString(batch), badFrames, frames, badTiles);
    }
}

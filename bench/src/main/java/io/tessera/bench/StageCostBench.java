package io.tessera.bench;

import io.tessera.ingest.CapturedFrame;
import io.tessera.ingest.sim.LineSimulator;
import io.tessera.ingest.sim.SimulatedCamera;
import io.tessera.model.TileBatch;
import io.tessera.model.TileClassifier;
import io.tessera.protocol.ContentType;
import io.tessera.protocol.FrameMetadata;
import io.tessera.stream.inspect.FrameDecoder;
import io.tessera.stream.inspect.FrameTiler;
import io.tessera.stream.inspect.TiledFrame;
import io.tessera.stream.validate.FrameValidator.ValidFrame;
import io.tessera.vision.TilingSpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Mat;

/**
 * Per-stage cost of a frame: decode, tile, infer (one frame's tiles in one model call, as the
 * batcher runs them on a CPU), one frame at a time so that the stages do not share the CPU.
 */
final class StageCostBench {
    private final TileClassifier classifier;
    private final TilingSpec tiling;
    private final FrameDecoder decoder;
    private final Clock clock;

    StageCostBench(TileClassifier classifier, TilingSpec tiling, FrameDecoder decoder, Clock clock) {
        this.classifier = classifier;
        this.tiling = tiling;
        this.decoder = decoder;
        this.clock = clock;
    }

    StageCost measure(int width, int height, int frames) throws InterruptedException {
        List<CapturedFrame> rendered = new ArrayList<>();
        try (LineSimulator sim = LineSimulator.builder().camerasPerLine(1).cameraId("bench").lineId("bench-line")
                .size(width, height).seed(11).distinctFrames(Math.min(frames, 8)).clock(clock).build()) {
            SimulatedCamera camera = sim.cameras().get(0);
            for (int i = 0; i < frames + 1; i++) {
                rendered.add(camera.render(i));
            }
        }
        FrameTiler tiler = new FrameTiler(tiling, classifier.card().normalization());
        long[][] wall = new long[3][frames];
        long[] cpu = new long[3];
        int tilesPerFrame = 0;
        for (int i = 0; i < rendered.size(); i++) {
            CapturedFrame f = rendered.get(i);
            ValidFrame frame = new ValidFrame(FrameMetadata.of("bench", "bench-line", i, clock.instant(), ContentType.JPEG),
                    width, height);
            long w0 = System.nanoTime();
            long c0 = processCpu();
            Mat image = decoder.decode(frame, f.value());
            long w1 = System.nanoTime();
            long c1 = processCpu();
            TiledFrame tiles;
            try {
                tiles = tiler.tile(image, width, height);
            } finally {
                image.release();
            }
            long w2 = System.nanoTime();
            long c2 = processCpu();
            classifier.classify(new TileBatch(tiles.pixels(), tiles.count(), tiles.inputSize()));
            long w3 = System.nanoTime();
            long c3 = processCpu();
            tilesPerFrame = tiles.count();
            if (i == 0) {
                continue; // warm-up: the model's first call optimises its graph
            }
            wall[0][i - 1] = w1 - w0;
            wall[1][i - 1] = w2 - w1;
            wall[2][i - 1] = w3 - w2;
            cpu[0] += c1 - c0;
            cpu[1] += c2 - c1;
            cpu[2] += c3 - c2;
        }
        return new StageCost(frames, tilesPerFrame, StageCost.Stage.of(wall[0], cpu[0]), StageCost.Stage.of(wall[1], cpu[1]),
                StageCost.Stage.of(wall[2], cpu[2]));
    }

    private static long processCpu() {
        return ProcessCpu.nanos();
    }
}

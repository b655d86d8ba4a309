package io.tessera.launcher.demo;

import io.tessera.bench.ModelBench;
import io.tessera.ingest.sim.SampleImages;
import io.tessera.model.TileClassifier;
import io.tessera.vision.TilingSpec;
import java.time.Duration;

/**
 * The model's capacity on this machine, measured at demo start: a few seconds of the classifier
 * that will serve (so in its precision) on tiles cut from the sample photographs, one frame's
 * tiles per call as the batcher gives them on a CPU.
 */
final class DemoCapacity {
    /** Long enough to smooth a model call or two of noise, short enough not to delay the demo much. */
    static final Duration MEASUREMENT = Duration.ofSeconds(4);

    private DemoCapacity() {
    }

    /** Tiles per second at batches of {@code batch} tiles, after two warm-up calls. */
    static double tilesPerSecond(TileClassifier classifier, TilingSpec tiling, int batch) {
        ModelBench bench = ModelBench.fromSamples(classifier, tiling, SampleImages.locate(), Math.max(128, 2 * batch));
        return bench.tilesPerSecond(batch, 2, MEASUREMENT);
    }
}

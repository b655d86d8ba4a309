package io.tessera.model.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.model.ModelCard;
import io.tessera.model.TestData;
import io.tessera.model.TileBatch;
import io.tessera.model.resnet.ResNetArchitecture;
import io.tessera.model.serving.DjlTileClassifier;
import io.tessera.model.serving.Precision;
import io.tessera.model.serving.ServingOptions;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.SavedModelBundle;

/**
 * The trained ResNet34 exported with batch norm folded into its convolutions scores the real
 * sample tiles as the graph with batch-norm ops does, through DJL's TensorFlow engine in fp32.
 */
class FoldedServingGraphTest {
    /** Folding reorders fp32 arithmetic only; both graphs hold the same fp16-stored weights. */
    static final float FOLDED_TOLERANCE = 1e-4f;

    @TempDir
    static Path dir;
    static Map<String, float[]> values;

    @BeforeAll
    static void readTheTrainedValues() {
        values = SavedModelValues.read(reference(), ResNetArchitecture.of(34));
    }

    /** The graph with batch-norm ops, exported from the same values (the shipped model may already be folded). */
    private static Path reference() {
        return TestData.shippedModel();
    }

    private static Path export(String name, WeightStorage storage, ServingGraph graph) throws Exception {
        Path model = dir.resolve(name);
        SavedModelExporter.export(model, ResNetArchitecture.of(34), values, storage, graph);
        ModelCard.read(TestData.shippedModel()).write(model);
        return model;
    }

    private static float[] scores(Path model, SampleTiles tiles) {
        try (DjlTileClassifier classifier = DjlTileClassifier.load(model, ServingOptions.of(Precision.FP32))) {
            float[] out = new float[tiles.count()];
            for (int start = 0; start < tiles.count(); start += 64) {
                int n = Math.min(64, tiles.count() - start);
                float[] p = classifier.classify(new TileBatch(tiles.take(start, n), n, tiles.size()));
                System.arraycopy(p, 0, out, start, n);
            }
            return out;
        }
    }

    private static float maxAbsDiff(float[] a, float[] b) {
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    @Test
    void foldedScoresMatchTheBatchNormGraphOnTheSampleTiles() throws Exception {
        Path plain = export("batch-norm", WeightStorage.FP16, ServingGraph.BATCH_NORM);
        Path folded = export("folded", WeightStorage.FP16, ServingGraph.FOLDED);
        SampleTiles tiles = SampleTiles.cut(ModelCard.read(plain));
        float[] expected = scores(plain, tiles);
        float[] actual = scores(folded, tiles);
        assertThat(tiles.count()).isGreaterThanOrEqualTo(100);
        // the sample has confident tiles of both classes, so the comparison covers both ends
        float highest = 0;
        float lowest = 1;
        for (float p : expected) {
            highest = Math.max(highest, p);
            lowest = Math.min(lowest, p);
        }
        assertThat(highest).isGreaterThan(0.9f);
        assertThat(lowest).isLessThan(0.1f);
        float diff = maxAbsDiff(actual, expected);
        System.out.printf("folded vs batch-norm graph: %d sample tiles, largest score difference %.2e%n", tiles.count(),
                diff);
        assertThat(diff).isLessThanOrEqualTo(FOLDED_TOLERANCE);
    }

    @Test
    void theFoldedGraphHasNoBatchNormOpsAndKeepsTheSignature() throws Exception {
        Path folded = export("folded-ops", WeightStorage.FP16, ServingGraph.FOLDED);
        try (SavedModelBundle bundle = SavedModelBundle.load(folded.toString(), SavedModelExporter.TAG)) {
            boolean[] batchNorm = {false};
            bundle.graph().operations().forEachRemaining(op -> {
                if (op.type().startsWith("FusedBatchNorm")) {
                    batchNorm[0] = true;
                }
            });
            assertThat(batchNorm[0]).isFalse();
            assertThat(bundle.graph().operation("layer4_2_bn2_bias")).isNotNull();
            assertThat(bundle.function(SavedModelExporter.SIGNATURE).signature().inputNames())
                    .containsExactly(SavedModelExporter.INPUT);
            assertThat(bundle.function(SavedModelExporter.SIGNATURE).signature().outputNames())
                    .containsExactly(SavedModelExporter.OUTPUT);
        }
    }
}

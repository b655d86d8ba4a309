package io.tessera.model.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.model.ModelCard;
import io.tessera.model.TileBatch;
import io.tessera.model.resnet.ResNetArchitecture;
import io.tessera.model.serving.DjlTileClassifier;
import io.tessera.model.serving.Precision;
import io.tessera.model.serving.ServingOptions;
import io.tessera.model.serving.SessionConfig;
import io.tessera.model.train.AdamW;
import io.tessera.model.train.TrainingGraph;
import io.tessera.model.train.TrainingSession;
import io.tessera.vision.Normalization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/** Export a (briefly trained) ResNet18, load it through DJL's TensorFlow engine, compare with TF Java. */
class ExportServingTest {
    private static final int SIZE = 64;
    private static final int TILES = 6;

    @TempDir
    static Path dir;
    static Map<String, float[]> values;
    static float[] tiles;

    @BeforeAll
    static void trainBriefly() {
        AdamW adam = AdamW.defaults(0.01f);
        SplittableRandom random = new SplittableRandom(3);
        tiles = new float[TILES * SIZE * SIZE * 3];
        for (int i = 0; i < tiles.length; i++) {
            tiles[i] = (float) random.nextGaussian();
        }
        try (TrainingGraph graph = TrainingGraph.build(ResNetArchitecture.of(18), 2, adam, 11);
                TrainingSession session = new TrainingSession(graph, adam, new SessionConfig(Precision.FP32, 0, 0))) {
            session.initialize();
            // two steps move the batch-norm moving statistics away from their (0, 1) start
            for (int step = 1; step <= 2; step++) {
                session.step(tiles, new int[] {0, 1, 0, 1, 0, 1}, SIZE, 1e-3f, step);
            }
            values = session.modelValues();
        }
    }

    private static ModelCard card() {
        Normalization n = Normalization.imagenet();
        return new ModelCard("test-resnet18", "1", "ResNet18", List.of("ok", "defect"), 128, 16, SIZE, n.mean(),
                n.std(), n.scope().label(), 0.5, SavedModelExporter.INPUT, SavedModelExporter.OUTPUT, Map.of());
    }

    private static Path export(String name, WeightStorage storage) throws Exception {
        Path model = dir.resolve(name);
        SavedModelExporter.export(model, ResNetArchitecture.of(18), values, storage);
        card().write(model);
        return model;
    }

    private static float[] tfJava(Path model) {
        try (SavedModelBundle bundle = SavedModelBundle.load(model.toString(), SavedModelExporter.TAG);
                TFloat32 x = TFloat32.tensorOf(Shape.of(TILES, SIZE, SIZE, 3), DataBuffers.of(tiles, true, false));
                Result r = bundle.function(SavedModelExporter.SIGNATURE).call(Map.of(SavedModelExporter.INPUT, x))) {
            TFloat32 y = (TFloat32) r.get(SavedModelExporter.OUTPUT).orElseThrow();
            float[] out = new float[TILES];
            y.copyTo(DataBuffers.of(out, false, false));
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
    void djlServesWhatTensorFlowJavaComputes() throws Exception {
        Path model = export("fp32", WeightStorage.FP32);
        float[] expected = tfJava(model);
        try (DjlTileClassifier classifier = DjlTileClassifier.load(model, ServingOptions.of(Precision.FP32))) {
            float[] served = classifier.classify(new TileBatch(tiles, TILES, SIZE));
            assertThat(served).hasSize(TILES);
            assertThat(maxAbsDiff(served, expected)).isLessThanOrEqualTo(1e-4f);
            assertThat(classifier.device()).contains("CPU");
            assertThat(classifier.precision()).isEqualTo("fp32");
        }
    }

    @Test
    void halfPrecisionStorageHalvesTheFilesAndKeepsTheOutputs() throws Exception {
        Path full = export("full", WeightStorage.FP32);
        Path half = export("half", WeightStorage.FP16);
        long fullBytes = Files.size(full.resolve("variables/variables.data-00000-of-00001"));
        long halfBytes = Files.size(half.resolve("variables/variables.data-00000-of-00001"));
        assertThat((double) halfBytes / fullBytes).isBetween(0.45, 0.55);
        // fp16 keeps about 3 significant digits of each weight; on this barely trained net the
        // probabilities move by far less than any threshold decision needs
        assertThat(maxAbsDiff(tfJava(half), tfJava(full))).isLessThanOrEqualTo(5e-3f);
    }

    @Test
    void aMissingOrBrokenModelFailsNamingTheFile() throws Exception {
        Path missing = dir.resolve("nowhere");
        assertThatThrownBy(() -> DjlTileClassifier.load(missing, ServingOptions.of(Precision.FP32)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(missing.toString())
                .hasMessageContaining("saved_model.pb");

        Path corrupt = dir.resolve("corrupt");
        Files.createDirectories(corrupt.resolve("variables"));
        Files.writeString(corrupt.resolve("saved_model.pb"), "not a protobuf");
        Files.writeString(corrupt.resolve("variables/variables.index"), "nor this");
        card().write(corrupt);
        assertThatThrownBy(() -> DjlTileClassifier.load(corrupt, ServingOptions.of(Precision.FP32)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(corrupt.resolve("saved_model.pb").toString());
    }

    @Test
    void aCardThatNamesAnotherOutputIsRejectedAtStart() throws Exception {
        Path model = export("wrong-card", WeightStorage.FP32);
        ModelCard c = card();
        new ModelCard(c.name(), c.version(), c.architecture(), c.classes(), c.tileSize(), c.tileOverlap(), c.inputSize(),
                c.normalizationMean(), c.normalizationStd(), c.normalizationScope(), c.threshold(), c.inputName(), "scores", c.details())
                .write(model);
        assertThatThrownBy(() -> DjlTileClassifier.load(model, ServingOptions.of(Precision.FP32)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wrong signature")
                .hasMessageContaining("'scores'");
    }
}

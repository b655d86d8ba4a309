package io.tessera.stream.app;

import io.tessera.model.TileClassifier;
import io.tessera.model.serving.DjlTileClassifier;
import io.tessera.model.serving.Precision;
import io.tessera.model.serving.ServingOptions;
import java.nio.file.Path;

/** The production model loader: the SavedModel served through DJL's TensorFlow engine. */
public final class TensorFlowClassifiers {
    private TensorFlowClassifiers() {
    }

    /**
     * @param precision null for automatic: bf16 where the CPU computes it natively, else fp32
     * @throws IllegalArgumentException naming the file at fault when the model cannot be loaded
     */
    public static TileClassifier load(Path modelDir, Precision precision) {
        return DjlTileClassifier.load(modelDir, precision == null ? ServingOptions.defaults() : ServingOptions.of(precision));
    }
}

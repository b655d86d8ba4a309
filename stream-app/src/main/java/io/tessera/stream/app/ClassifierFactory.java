package io.tessera.stream.app;

import io.tessera.model.TileClassifier;
import io.tessera.model.serving.Precision;
import java.nio.file.Path;

/** Loads the model a service runs; the CLI uses the TensorFlow one, tests may pass another. */
@FunctionalInterface
public interface ClassifierFactory {
    TileClassifier load(Path modelDir, Precision precision);
}

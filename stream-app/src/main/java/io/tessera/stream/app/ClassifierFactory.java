package io.tessera.stream.app;

import io.tessera.model.TileClassifier;

/**
 * Loads the model a service runs; the CLI uses the TensorFlow one (which chooses or checks the
 * precision by measurement), tests may pass another.
 */
@FunctionalInterface
public interface ClassifierFactory {
    /**
     * @throws IllegalArgumentException naming the file or setting at fault, including a
     *     {@link io.tessera.model.serving.PrecisionRejectedException} when the asked precision fails its check
     */
    TileClassifier load(ModelRequest request);
}

package io.tessera.stream.app;

import io.tessera.model.TileClassifier;
import io.tessera.model.serving.ServingModels;

/**
 * The production model loader: the SavedModel served through DJL's TensorFlow engine, at the
 * precision the self-check chooses ({@code auto}) or at the one asked for once it has passed the
 * check, measured on the reference tiles shipped with the model.
 */
public final class TensorFlowClassifiers {
    private TensorFlowClassifiers() {
    }

    /**
     * @throws IllegalArgumentException naming the file at fault when the model cannot be loaded, or
     *     the failed check and the setting to change when the asked precision does not pass
     */
    public static TileClassifier load(ModelRequest request) {
        return ServingModels.load(request.modelDir(), ServingModels.Request.auto(request.checkBatchSizes())
                .withPrecision(request.precision(), true).withSetting(request.setting()));
    }
}

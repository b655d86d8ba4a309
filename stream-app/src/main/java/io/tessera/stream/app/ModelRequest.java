package io.tessera.stream.app;

import io.tessera.model.serving.Precision;
import io.tessera.stream.config.StreamAppConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * The model an app serves and what its precision self-check measures.
 *
 * @param modelDir        the model folder (model.path)
 * @param precision       the precision asked for (model.precision), null for auto
 * @param checkBatchSizes the batch sizes the app really runs, which the self-check scores at
 * @param setting         the setting to change when the asked precision fails the check, for the error
 */
public record ModelRequest(Path modelDir, Precision precision, List<Integer> checkBatchSizes, String setting) {
    public static final String SETTING = "model.precision (--precision)";

    public ModelRequest {
        checkBatchSizes = List.copyOf(checkBatchSizes);
    }

    /**
     * The app's request: batches of 1 (a lone late tile), {@code batch.min-efficient-size} (a 2K
     * frame's 45 tiles by default; what runs once the batcher saturates) and {@code batch.max-size}.
     */
    public static ModelRequest of(StreamAppConfig config) {
        return new ModelRequest(config.modelPath(), config.precision(),
                List.of(1, config.batch().minEfficientSize(), config.batch().maxSize()), SETTING);
    }

    public ModelRequest withPrecision(Precision p) {
        return new ModelRequest(modelDir, p, checkBatchSizes, setting);
    }

    /** "auto" or the label of the precision asked for. */
    public String precisionLabel() {
        return precision == null ? "auto" : precision.label();
    }
}

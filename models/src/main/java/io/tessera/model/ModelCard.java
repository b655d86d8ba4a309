package io.tessera.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tessera.vision.EdgePolicy;
import io.tessera.vision.Normalization;
import io.tessera.vision.TilingSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a model is and how to feed it, stored as {@code model-card.json} beside the SavedModel.
 * Serving reads the tiling, normalisation and threshold from here, so a model can be swapped
 * without touching the pipeline's configuration.
 *
 * @param normalizationScope {@code dataset} (the fixed mean and std) or {@code tile} (each tile's own
 *                   statistics, {@link Normalization.Scope}); absent in older cards, which read as dataset
 * @param inputName  the serving signature's input (NHWC float32)
 * @param outputName the serving signature's output (defect probability per tile)
 * @param details    free-form sections: training data and recipe, validation and test figures
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelCard(
        String name,
        String version,
        String architecture,
        List<String> classes,
        int tileSize,
        int tileOverlap,
        int inputSize,
        float[] normalizationMean,
        float[] normalizationStd,
        String normalizationScope,
        double threshold,
        String inputName,
        String outputName,
        Map<String, Object> details) {

    public static final String FILE_NAME = "model-card.json";

    public ModelCard {
        require(name != null && !name.isBlank(), "name must not be blank");
        require(version != null && !version.isBlank(), "version must not be blank");
        require(threshold > 0 && threshold <= 1, "threshold must be within (0, 1], got " + threshold);
        require(inputName != null && outputName != null, "inputName and outputName are required");
        classes = classes == null ? List.of("ok", "defect") : List.copyOf(classes);
        details = details == null ? Map.of() : Map.copyOf(details);
        normalizationScope = Normalization.Scope.parse(normalizationScope).label();
        // validates the tiling and normalisation fields
        new TilingSpec(tileSize, tileOverlap, inputSize, EdgePolicy.SHIFT_INWARD);
        new Normalization(normalizationMean, normalizationStd);
    }

    public TilingSpec tiling() {
        return new TilingSpec(tileSize, tileOverlap, inputSize, EdgePolicy.SHIFT_INWARD);
    }

    public Normalization normalization() {
        return new Normalization(normalizationMean, normalizationStd, Normalization.Scope.parse(normalizationScope));
    }

    public ModelCard withThreshold(double newThreshold) {
        return new ModelCard(name, version, architecture, classes, tileSize, tileOverlap, inputSize, normalizationMean,
                normalizationStd, normalizationScope, newThreshold, inputName, outputName, details);
    }

    public ModelCard withDetails(Map<String, Object> newDetails) {
        return new ModelCard(name, version, architecture, classes, tileSize, tileOverlap, inputSize, normalizationMean,
                normalizationStd, normalizationScope, threshold, inputName, outputName, newDetails);
    }

    /** Reads {@code model-card.json} from a model folder, naming the file in every error. */
    public static ModelCard read(Path modelDir) {
        Path file = modelDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("model card " + file + " is missing: a model folder holds "
                    + FILE_NAME + " beside the SavedModel (setting model.path)");
        }
        try {
            return mapper().readValue(file.toFile(), ModelCard.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("model card " + file + " is invalid: " + e.getMessage(), e);
        }
    }

    public void write(Path modelDir) throws IOException {
        Files.createDirectories(modelDir);
        mapper().writeValue(modelDir.resolve(FILE_NAME).toFile(), this);
    }

    private static ObjectMapper mapper() {
        return JsonMapper.builder()
                .enable(SerializationFeature.INDENT_OUTPUT)
                // a field added since (normalizationScope) may be absent from an older card; a missing
                // required field still fails, in the constructor's checks, with its name
                .build();
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}

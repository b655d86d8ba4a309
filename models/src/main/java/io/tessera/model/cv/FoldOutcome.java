package io.tessera.model.cv;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one fold produced: its threshold (set on its calibration fold) and the scores of its
 * held-out images. Stored as {@code fold-<f>/result.json}, so an interrupted cross-validation
 * skips the folds it finished.
 *
 * @param recipe      the training recipe and evaluation settings; a stored fold with another recipe is not reused
 * @param calibration the calibration fold's scores the threshold was set on, so that another
 *                    threshold rule can be judged on stored folds without scoring them again
 *                    (empty in folds stored before they were kept)
 */
public record FoldOutcome(int fold, List<String> heldOutGroups, List<String> calibrationGroups, int trainImages,
        double threshold, double trainingSeconds, Map<String, Object> recipe, List<ScoredImage> heldOut,
        List<ScoredImage> calibration) {
    static final String FILE = "result.json";

    /** The file of a fold scored with {@code views} test-time views: {@link #FILE} for 1, so that a fold has one per scoring. */
    static String fileName(int views) {
        return views == 1 ? FILE : "result-tta" + views + ".json";
    }

    public FoldOutcome {
        heldOutGroups = List.copyOf(heldOutGroups);
        calibrationGroups = List.copyOf(calibrationGroups);
        recipe = Map.copyOf(recipe);
        heldOut = List.copyOf(heldOut);
        calibration = calibration == null ? List.of() : List.copyOf(calibration);
    }

    public FoldOutcome(int fold, List<String> heldOutGroups, List<String> calibrationGroups, int trainImages,
            double threshold, double trainingSeconds, Map<String, Object> recipe, List<ScoredImage> heldOut) {
        this(fold, heldOutGroups, calibrationGroups, trainImages, threshold, trainingSeconds, recipe, heldOut, List.of());
    }

    /** The same fold decided at another threshold. */
    FoldOutcome withThreshold(double other) {
        return new FoldOutcome(fold, heldOutGroups, calibrationGroups, trainImages, other, trainingSeconds, recipe,
                heldOut, calibration);
    }

    void write(Path foldDir) throws IOException {
        write(foldDir, FILE);
    }

    void write(Path foldDir, String file) throws IOException {
        Files.createDirectories(foldDir);
        Path tmp = foldDir.resolve(file + ".tmp");
        mapper().writeValue(tmp.toFile(), this);
        Files.move(tmp, foldDir.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static Optional<FoldOutcome> read(Path foldDir) throws IOException {
        return read(foldDir, FILE);
    }

    static Optional<FoldOutcome> read(Path foldDir, String name) throws IOException {
        Path file = foldDir.resolve(name);
        return Files.isRegularFile(file) ? Optional.of(mapper().readValue(file.toFile(), FoldOutcome.class))
                : Optional.empty();
    }

    private static ObjectMapper mapper() {
        return JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    }
}

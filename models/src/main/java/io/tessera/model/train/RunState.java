package io.tessera.model.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tessera.model.data.HardNegatives;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The last complete checkpoint of a run, in {@code <run>/state.json}: written after the
 * checkpoint files, through a rename, so an interrupted save never leaves a state pointing at
 * half-written files.
 *
 * @param checkpoint prefix of the TensorFlow checkpoint files, relative to the run folder
 * @param config     the run's settings, compared on resume
 * @param hardNegatives the sampler's hard negatives at the checkpoint (empty without hard-negative mining)
 */
public record RunState(long step, String checkpoint, double elapsedSeconds, Map<String, Object> config,
        List<HardNegatives.Entry> hardNegatives) {
    public static final String FILE = "state.json";

    public RunState {
        // a state written before hard-negative mining has no such field
        hardNegatives = hardNegatives == null ? List.of() : List.copyOf(hardNegatives);
    }

    public RunState(long step, String checkpoint, double elapsedSeconds, Map<String, Object> config) {
        this(step, checkpoint, elapsedSeconds, config, List.of());
    }

    public static Optional<RunState> read(Path runDir) throws IOException {
        Path file = runDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(mapper().readValue(file.toFile(), RunState.class));
    }

    public void write(Path runDir) throws IOException {
        Path tmp = runDir.resolve(FILE + ".tmp");
        mapper().writeValue(tmp.toFile(), this);
        Files.move(tmp, runDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public Path checkpointPrefix(Path runDir) {
        return runDir.resolve(checkpoint);
    }

    private static ObjectMapper mapper() {
        return JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    }
}

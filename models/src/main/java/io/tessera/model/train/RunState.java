package io.tessera.model.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;

/**
 * The last complete checkpoint of a run, in {@code <run>/state.json}: written after the
 * checkpoint files, through a rename, so an interrupted save never leaves a state pointing at
 * half-written files.
 *
 * @param checkpoint prefix of the TensorFlow checkpoint files, relative to the run folder
 * @param config     the run's settings, compared on resume
 */
public record RunState(long step, String checkpoint, double elapsedSeconds, Map<String, Object> config) {
    public static final String FILE = "state.json";

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

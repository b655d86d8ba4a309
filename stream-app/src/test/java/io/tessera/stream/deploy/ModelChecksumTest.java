package io.tessera.stream.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelChecksumTest {

    @Test
    void anyChangedAddedOrRenamedFileChangesTheChecksum(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("saved_model.pb"), "graph");
        Files.createDirectories(dir.resolve("variables"));
        Files.writeString(dir.resolve("variables/variables.index"), "index");
        String before = ModelChecksum.of(dir);
        assertThat(before).startsWith("sha256:").hasSize("sha256:".length() + 64);
        assertThat(ModelChecksum.of(dir)).as("stable").isEqualTo(before);

        Files.writeString(dir.resolve("variables/variables.index"), "indeX");
        String changed = ModelChecksum.of(dir);
        assertThat(changed).isNotEqualTo(before);

        Files.writeString(dir.resolve("extra.txt"), "");
        assertThat(ModelChecksum.of(dir)).isNotEqualTo(changed);

        Files.delete(dir.resolve("extra.txt"));
        Files.move(dir.resolve("saved_model.pb"), dir.resolve("saved_model2.pb"));
        assertThat(ModelChecksum.of(dir)).as("a renamed file").isNotEqualTo(changed);
    }

    @Test
    void anEmptyFolderIsNotAModel(@TempDir Path dir) {
        assertThatThrownBy(() -> ModelChecksum.of(dir)).hasMessageContaining("has no files");
    }
}

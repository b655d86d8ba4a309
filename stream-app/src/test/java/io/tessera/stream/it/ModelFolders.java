package io.tessera.stream.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tessera.model.ModelCard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Copies of the shipped model under another version, for deploy and shadow tests. */
final class ModelFolders {
    private ModelFolders() {
    }

    /** The shipped model copied to {@code to}, its card saying {@code version}. */
    static Path copyAs(Path shipped, Path to, String version) throws IOException {
        try (Stream<Path> files = Files.walk(shipped)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(shipped.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        ObjectMapper json = new ObjectMapper();
        Path card = to.resolve(ModelCard.FILE_NAME);
        ObjectNode node = (ObjectNode) json.readTree(card.toFile());
        node.put("version", version);
        json.writerWithDefaultPrettyPrinter().writeValue(card.toFile(), node);
        return to;
    }
}

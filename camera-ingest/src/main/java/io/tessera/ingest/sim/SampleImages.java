package io.tessera.ingest.sim;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the BSData sample that ships with the repository ({@code samples/bsdata}): under the
 * system property {@code tessera.root} when set, else in the nearest folder above the working
 * directory that holds {@code samples/}.
 */
public final class SampleImages {
    public static final String ROOT_PROPERTY = "tessera.root";
    static final Path RELATIVE = Path.of("samples", "bsdata");

    private SampleImages() {
    }

    public static Path locate() {
        String root = System.getProperty(ROOT_PROPERTY);
        if (root != null && !root.isBlank()) {
            Path candidate = Path.of(root).resolve(RELATIVE);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            throw new IllegalStateException("-D" + ROOT_PROPERTY + "=" + root + " has no " + RELATIVE
                    + "; point it at the repository root or pass --images <dir>");
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(RELATIVE))) {
                return dir.resolve(RELATIVE);
            }
        }
        throw new IllegalStateException("no " + RELATIVE + " folder found above " + Path.of("").toAbsolutePath()
                + "; run from the repository, set -D" + ROOT_PROPERTY + "=<repository root>, or pass --images <dir>");
    }
}

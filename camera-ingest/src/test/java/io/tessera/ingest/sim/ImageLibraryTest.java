package io.tessera.ingest.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageLibraryTest {
    private static final Path SAMPLE = Path.of(System.getProperty("tessera.root"), "samples", "bsdata");

    /** A data set in the shared layout: dev/<class>/*.jpg, masks/<class>/<name>.png. */
    private static Path datasetLayout(Path root) throws IOException {
        for (String cls : List.of("ok", "pitting")) {
            Files.createDirectories(root.resolve("dev").resolve(cls));
            try (Stream<Path> s = Files.list(SAMPLE.resolve(cls))) {
                for (Path p : s.toList()) {
                    Files.copy(p, root.resolve("dev").resolve(cls).resolve(p.getFileName()));
                }
            }
        }
        Files.createDirectories(root.resolve("masks/pitting"));
        try (Stream<Path> s = Files.list(SAMPLE.resolve("masks/pitting"))) {
            for (Path p : s.toList()) {
                Files.copy(p, root.resolve("masks/pitting").resolve(p.getFileName()));
            }
        }
        return root;
    }

    @Test
    void readsTheRepositorySampleAndTheSharedDatasetLayout(@TempDir Path tmp) throws IOException {
        try (ImageLibrary sample = ImageLibrary.load(SAMPLE, 1.0, 0, 1)) {
            assertThat(sample.normal()).hasSize(8);
            assertThat(sample.defective()).hasSize(8).allSatisfy(i -> {
                assertThat(i.label()).isEqualTo("pitting");
                assertThat(i.components()).isNotEmpty();
            });
        }
        try (ImageLibrary dataset = ImageLibrary.load(datasetLayout(tmp.resolve("ds")), 1.0, 6, 3)) {
            // at most 6 photos, drawn per class in proportion, at least one with a defect
            assertThat(dataset.normal().size() + dataset.defective().size()).isEqualTo(6);
            assertThat(dataset.defective()).isNotEmpty();
        }
    }

    @Test
    void scaleResizesPhotosAndMasksAlike() {
        try (ImageLibrary half = ImageLibrary.load(SAMPLE, 0.5, 0, 1)) {
            assertThat(half.minHeight()).isEqualTo(230);
            assertThat(half.defective()).allSatisfy(i -> {
                assertThat(i.mask().cols()).isEqualTo(i.image().cols());
                assertThat(i.mask().rows()).isEqualTo(i.image().rows());
            });
        }
    }

    @Test
    void aDefectPhotoWithoutItsMaskIsSkippedAndMissingFoldersAreNamed(@TempDir Path tmp) throws IOException {
        Path root = datasetLayout(tmp.resolve("ds"));
        Path mask;
        try (Stream<Path> s = Files.list(root.resolve("masks/pitting"))) {
            mask = s.sorted().findFirst().orElseThrow();
        }
        Files.delete(mask);
        try (ImageLibrary library = ImageLibrary.load(root, 1.0, 0, 1)) {
            assertThat(library.defective()).hasSize(7);
        }
        assertThatThrownBy(() -> ImageLibrary.load(tmp.resolve("nope"), 1.0, 0, 1)).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> ImageLibrary.load(SAMPLE, 0, 0, 1)).hasMessageContaining("scale");
    }
}

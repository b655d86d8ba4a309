package io.tessera.model;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tessera.model.data.DatasetIndex;
import io.tessera.model.data.LabeledImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where tests find the repository's samples and the shared datasets. */
public final class TestData {
    private TestData() {
    }

    public static Path root() {
        return Path.of(System.getProperty("tessera.root", "..")).toAbsolutePath().normalize();
    }

    public static Path samples() {
        return root().resolve("samples/bsdata");
    }

    /** The full BSData dev split beside the clone; skips the test where it is absent. */
    public static Path sharedBsdata() {
        Path path = root().resolveSibling("shared").resolve("datasets/bsdata");
        assumeTrue(Files.isDirectory(path.resolve("dev")), "skipped: the full BSData dataset is not at " + path
                + " (only CI and the training machine have ../shared/datasets)");
        return path;
    }

    /** The model the repository ships: committed, so a missing one fails the test rather than skipping it. */
    public static Path shippedModel() {
        Path path = root().resolve("models/shipped/pitting-resnet34");
        if (!Files.isRegularFile(path.resolve("saved_model.pb"))) {
            throw new AssertionError("the shipped model is missing: no saved_model.pb in " + path);
        }
        return path;
    }

    /** Copies an image (and its mask) into a dataset folder's {@code dev/<class>/} under another name. */
    public static void copyInto(Path dataset, LabeledImage image, String name) throws IOException {
        Path target = dataset.resolve("dev").resolve(image.className()).resolve(name + ".jpg");
        Files.createDirectories(target.getParent());
        Files.copy(image.image(), target);
        if (image.mask().isPresent()) {
            Path mask = dataset.resolve("masks").resolve(image.className()).resolve(name + ".png");
            Files.createDirectories(mask.getParent());
            Files.copy(image.mask().get(), mask);
        }
    }

    /** The samples are TEST groups; renamed to one TRAIN location they make a tiny training set in {@code dir}. */
    public static Path tinyTrainingSet(Path dir) throws IOException {
        int n = 0;
        for (LabeledImage image : DatasetIndex.scan(samples()).images()) {
            copyInto(dir, image, String.format("01_2009%08d_277500_315_crop_2", n++));
        }
        return dir;
    }
}

package io.tessera.model.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The images of a dataset folder laid out as {@code <root>/<class>/<name>.jpg} with masks in
 * {@code masks/<class>/<name>.png}. The root is either the dataset folder (its images are
 * under {@code dev/}) or a folder holding the class folders itself, like the repository's
 * {@code samples/bsdata}. {@code ok} and {@code free} are the good classes; every other class
 * is a defect.
 */
public final class DatasetIndex {
    public static final Set<String> GOOD_CLASSES = Set.of("ok", "free");
    private static final Set<String> NOT_CLASSES = Set.of("masks", "dev");

    private final Path root;
    private final List<LabeledImage> images;

    private DatasetIndex(Path root, List<LabeledImage> images) {
        this.root = root;
        this.images = List.copyOf(images);
    }

    public static DatasetIndex scan(Path root) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("dataset folder " + root + " does not exist: expected <class>/<image>.jpg"
                    + " folders (or dev/<class>/...) with masks/<class>/<image>.png");
        }
        Path imageRoot = Files.isDirectory(root.resolve("dev")) ? root.resolve("dev") : root;
        Path maskRoot = Files.isDirectory(root.resolve("masks")) ? root.resolve("masks") : imageRoot.resolve("masks");
        List<Path> files = new ArrayList<>();
        List<GroupSplitter.Candidate> candidates = new ArrayList<>();
        try (Stream<Path> classes = Files.list(imageRoot)) {
            for (Path classDir : classes.filter(Files::isDirectory).sorted().toList()) {
                String className = classDir.getFileName().toString();
                if (NOT_CLASSES.contains(className)) {
                    continue;
                }
                try (Stream<Path> entries = Files.list(classDir)) {
                    for (Path file : entries.filter(DatasetIndex::isImage).sorted().toList()) {
                        files.add(file);
                        candidates.add(new GroupSplitter.Candidate(className, file.getFileName().toString()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list dataset folder " + imageRoot, e);
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("dataset folder " + imageRoot + " holds no images: expected"
                    + " <class>/<image>.jpg folders such as ok/ and pitting/");
        }
        List<String> groups = GroupSplitter.groups(candidates);
        List<Split> splits = GroupSplitter.splits(candidates);
        List<LabeledImage> images = new ArrayList<>(files.size());
        for (int i = 0; i < files.size(); i++) {
            String className = candidates.get(i).className();
            boolean defect = !GOOD_CLASSES.contains(className);
            String base = stripExtension(candidates.get(i).fileName());
            Path mask = maskRoot.resolve(className).resolve(base + ".png");
            if (defect && !Files.isRegularFile(mask)) {
                throw new IllegalArgumentException("defect image " + files.get(i) + " has no mask: expected " + mask);
            }
            images.add(new LabeledImage(files.get(i), className, defect,
                    Files.isRegularFile(mask) ? Optional.of(mask) : Optional.empty(), groups.get(i), splits.get(i)));
        }
        return new DatasetIndex(root, images);
    }

    public Path root() {
        return root;
    }

    public List<LabeledImage> images() {
        return images;
    }

    /** The images of one split; {@code null} means all of them. */
    public List<LabeledImage> images(Split split) {
        return split == null ? images : images.stream().filter(i -> i.split() == split).toList();
    }

    private static boolean isImage(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(p) && (name.endsWith(".jpg") || name.endsWith(".jpeg") || name.endsWith(".png")
                || name.endsWith(".bmp"));
    }

    private static String stripExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}

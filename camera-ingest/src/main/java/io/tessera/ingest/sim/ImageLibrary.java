package io.tessera.ingest.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.Stream;
import nu.pattern.OpenCV;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The photographs the simulator composes frames from, decoded once and kept in memory (a
 * 1130x460 photo is 1.6 MB decoded). Two layouts are understood:
 * <ul>
 *   <li>the repository sample: {@code <root>/<class>/*.jpg}, {@code <root>/masks/<class>/<name>.png}</li>
 *   <li>a full data set: {@code <root>/dev/<class>/*.jpg}, {@code <root>/masks/<class>/<name>.png}</li>
 * </ul>
 * Class {@code ok} has no defects and no masks; every other class must have a mask per image
 * (8-bit, non-zero = defect, same size as the image).
 */
public final class ImageLibrary implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ImageLibrary.class);
    public static final String OK = "ok";

    private final Path root;
    private final List<LibraryImage> normal;
    private final List<LibraryImage> defective;

    private ImageLibrary(Path root, List<LibraryImage> normal, List<LibraryImage> defective) {
        this.root = root;
        this.normal = List.copyOf(normal);
        this.defective = List.copyOf(defective);
    }

    /**
     * Loads the library.
     *
     * @param scale     resize factor applied to every photo (1.0 = native scale, what the
     *                  classifier was trained on)
     * @param maxImages at most this many photos, drawn per class in proportion with the seed
     *                  (0 = all); keeps memory bounded for the full data set
     */
    public static ImageLibrary load(Path root, double scale, int maxImages, long seed) {
        OpenCV.loadLocally();
        if (!(scale > 0.05 && scale <= 4)) {
            throw new IllegalArgumentException("scale must be within (0.05, 4], got " + scale);
        }
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("image folder " + root + " does not exist");
        }
        Path classesDir = Files.isDirectory(root.resolve("dev")) ? root.resolve("dev") : root;
        List<Path> classDirs = list(classesDir, Files::isDirectory).stream()
                .filter(p -> !p.getFileName().toString().equals("masks"))
                .toList();
        List<Path> okFiles = new ArrayList<>();
        List<Path> defectFiles = new ArrayList<>();
        for (Path dir : classDirs) {
            List<Path> images = list(dir, ImageLibrary::isImage);
            (isOk(dir) ? okFiles : defectFiles).addAll(images);
        }
        if (okFiles.isEmpty()) {
            throw new IllegalArgumentException("image folder " + classesDir + " has no ok/ images (JPEG, PNG or BMP)");
        }
        int total = okFiles.size() + defectFiles.size();
        if (maxImages > 0 && total > maxImages) {
            int defects = defectFiles.isEmpty() ? 0 : Math.max(1, (int) Math.round((double) maxImages * defectFiles.size() / total));
            okFiles = sample(okFiles, maxImages - defects, seed);
            defectFiles = sample(defectFiles, defects, seed + 1);
        }
        List<LibraryImage> normal = new ArrayList<>();
        List<LibraryImage> defective = new ArrayList<>();
        for (Path file : okFiles) {
            Mat image = read(file, Imgcodecs.IMREAD_COLOR, scale, Imgproc.INTER_AREA);
            if (image != null) {
                normal.add(new LibraryImage(stem(file), OK, image, null, List.of()));
            }
        }
        for (Path file : defectFiles) {
            String label = file.getParent().getFileName().toString();
            Path maskFile = root.resolve("masks").resolve(label).resolve(stem(file) + ".png");
            if (!Files.isRegularFile(maskFile)) {
                LOG.warn("skipping {}: class {} needs a mask and {} does not exist", file, label, maskFile);
                continue;
            }
            Mat image = read(file, Imgcodecs.IMREAD_COLOR, scale, Imgproc.INTER_AREA);
            Mat mask = read(maskFile, Imgcodecs.IMREAD_GRAYSCALE, scale, Imgproc.INTER_NEAREST);
            if (image == null || mask == null) {
                continue;
            }
            if (image.size().width != mask.size().width || image.size().height != mask.size().height) {
                throw new IllegalArgumentException("mask " + maskFile + " is " + mask.size() + " but its image " + file
                        + " is " + image.size());
            }
            defective.add(new LibraryImage(stem(file), label, image, mask, MaskRegions.components(mask)));
        }
        if (normal.isEmpty()) {
            throw new IllegalArgumentException("no readable ok/ images in " + classesDir);
        }
        LOG.info("image library {}: {} ok and {} defect photos at scale {}", root, normal.size(), defective.size(), scale);
        return new ImageLibrary(root, normal, defective);
    }

    public Path root() {
        return root;
    }

    public List<LibraryImage> normal() {
        return normal;
    }

    public List<LibraryImage> defective() {
        return defective;
    }

    /** Smallest photo height: the simulator's row height, so every row is filled with unscaled pixels. */
    public int minHeight() {
        return Stream.concat(normal.stream(), defective.stream()).mapToInt(LibraryImage::height).min().orElseThrow();
    }

    @Override
    public void close() {
        for (LibraryImage image : normal) {
            image.image().release();
        }
        for (LibraryImage image : defective) {
            image.image().release();
            image.mask().release();
        }
    }

    private static boolean isOk(Path dir) {
        return dir.getFileName().toString().equalsIgnoreCase(OK);
    }

    static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(p) && (n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png") || n.endsWith(".bmp"));
    }

    private static String stem(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? n : n.substring(0, dot);
    }

    private static Mat read(Path file, int flags, double scale, int interpolation) {
        Mat m = Imgcodecs.imread(file.toString(), flags);
        if (m.empty()) {
            LOG.warn("skipping unreadable image {}", file);
            return null;
        }
        if (scale != 1.0) {
            Mat scaled = new Mat();
            Imgproc.resize(m, scaled, new Size(Math.max(1, Math.round(m.cols() * scale)), Math.max(1, Math.round(m.rows() * scale))),
                    0, 0, scale < 1 ? interpolation : (interpolation == Imgproc.INTER_NEAREST ? interpolation : Imgproc.INTER_LINEAR));
            m.release();
            return scaled;
        }
        return m;
    }

    private static List<Path> sample(List<Path> files, int count, long seed) {
        List<Path> shuffled = new ArrayList<>(files);
        Collections.shuffle(shuffled, new Random(seed));
        List<Path> chosen = new ArrayList<>(shuffled.subList(0, Math.min(count, shuffled.size())));
        Collections.sort(chosen);
        return chosen;
    }

    private static List<Path> list(Path dir, Predicate<Path> filter) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(filter).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}

package io.tessera.ingest.source;

import io.tessera.ingest.CapturedFrame;
import io.tessera.protocol.ContentType;
import io.tessera.protocol.FrameMetadata;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import nu.pattern.OpenCV;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Images from a folder (not its subfolders), in file name order, once or in a loop; the folder
 * is listed again at the start of every pass, so files added meanwhile are picked up. Every
 * image is decoded, to learn its size and to make sure it is readable: an unreadable file (not
 * an image, truncated JPEG) is logged with its path, counted in {@link #skippedInputs()} and
 * skipped. A pass with no readable image at all ends the source with an error rather than
 * looping forever over nothing.
 */
public final class DirectorySource implements FrameSource {
    private static final Logger LOG = LoggerFactory.getLogger(DirectorySource.class);
    public static final String DEFAULT_GLOB = "*.{jpg,jpeg,png,bmp,JPG,JPEG,PNG,BMP}";

    private final Path dir;
    private final PathMatcher matcher;
    private final String glob;
    private final boolean loop;
    private final FrameEncoder encoder;
    private final String cameraId;
    private final String lineId;
    private final Clock clock;
    private final ArrayDeque<Path> pending = new ArrayDeque<>();
    private final Map<Path, Checked> checked = new HashMap<>();
    private long sequence;
    private long skipped;
    private long passes;
    private boolean yieldedThisPass;

    public DirectorySource(Path dir, String glob, boolean loop, FrameEncoder encoder, String cameraId, String lineId, Clock clock) {
        OpenCV.loadLocally();
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--dir " + dir + " is not a folder");
        }
        this.dir = dir;
        this.glob = glob == null || glob.isBlank() ? DEFAULT_GLOB : glob;
        this.matcher = FileSystems.getDefault().getPathMatcher("glob:" + this.glob);
        this.loop = loop;
        this.encoder = encoder;
        this.cameraId = cameraId;
        this.lineId = lineId;
        this.clock = clock;
    }

    @Override
    public Optional<CapturedFrame> next() throws IOException {
        while (true) {
            if (pending.isEmpty()) {
                if (passes > 0 && !yieldedThisPass) {
                    throw new IOException("no readable image in " + dir + " matching " + glob + " (" + skipped + " unreadable)");
                }
                if (passes > 0 && !loop) {
                    return Optional.empty();
                }
                pending.addAll(list());
                passes++;
                yieldedThisPass = false;
                if (pending.isEmpty()) {
                    throw new IOException("no file in " + dir + " matches " + glob);
                }
            }
            Path file = pending.poll();
            Optional<CapturedFrame> frame = read(file);
            if (frame.isPresent()) {
                yieldedThisPass = true;
                return frame;
            }
        }
    }

    private List<Path> list() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> Files.isRegularFile(p) && matcher.matches(p.getFileName())).sorted().toList();
        }
    }

    private Optional<CapturedFrame> read(Path file) {
        byte[] bytes;
        FileTime modified;
        try {
            modified = Files.getLastModifiedTime(file);
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return skip(file, "cannot be read: " + e.getMessage());
        }
        ContentType type = typeOf(bytes);
        if (type == null) {
            return skip(file, "is not a JPEG, PNG or BMP file");
        }
        if (type == ContentType.JPEG && !hasEndMarker(bytes)) {
            return skip(file, "is a truncated JPEG (no end-of-image marker)");
        }
        // Looping over JPEGs that pass through: decode each file once (21 ms for 2K), not every pass.
        Checked checked = this.checked.get(file);
        if (checked != null && checked.size == bytes.length && checked.modified.equals(modified)
                && encoder.format() == OutputFormat.JPEG && encoder.jpegPassThrough() && type == ContentType.JPEG) {
            return Optional.of(frame(new EncodedImage(bytes, ContentType.JPEG, checked.width, checked.height)));
        }
        MatOfByte buffer = new MatOfByte(bytes);
        // As stored, ignoring an EXIF orientation: the frame's width and height headers must be
        // what the inspection app reads from the JPEG's own header.
        Mat decoded = Imgcodecs.imdecode(buffer, Imgcodecs.IMREAD_COLOR | Imgcodecs.IMREAD_IGNORE_ORIENTATION);
        buffer.release();
        try {
            if (decoded.empty()) {
                return skip(file, "could not be decoded as " + type.mimeType());
            }
            if (loop) {
                this.checked.put(file, new Checked(bytes.length, modified, decoded.cols(), decoded.rows()));
            }
            return Optional.of(frame(encoder.encodeFile(bytes, type, decoded)));
        } finally {
            decoded.release();
        }
    }

    private CapturedFrame frame(EncodedImage image) {
        FrameMetadata metadata = new FrameMetadata(cameraId, lineId, sequence++, clock.instant(), image.contentType(),
                image.width(), image.height(), null, null, List.of());
        return CapturedFrame.of(metadata, image.bytes());
    }

    /** A file already decoded successfully, as it was then. */
    private record Checked(long size, FileTime modified, int width, int height) {
    }

    private Optional<CapturedFrame> skip(Path file, String why) {
        skipped++;
        LOG.warn("skipping {}: it {} ({} skipped so far)", file, why, skipped);
        return Optional.empty();
    }

    /** By magic number, not by extension: names lie. Null when the bytes are no JPEG, PNG or BMP. */
    public static ContentType typeOf(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) {
            return ContentType.JPEG;
        }
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return ContentType.PNG;
        }
        if (b.length >= 2 && b[0] == 'B' && b[1] == 'M') {
            return ContentType.BMP;
        }
        return null;
    }

    /** A complete JPEG ends with FF D9, possibly followed by padding zeros. */
    static boolean hasEndMarker(byte[] b) {
        int end = b.length;
        while (end > 0 && b[end - 1] == 0) {
            end--;
        }
        return end >= 2 && (b[end - 2] & 0xff) == 0xFF && (b[end - 1] & 0xff) == 0xD9;
    }

    @Override
    public String describe() {
        return "dir " + dir.getFileName() + " " + cameraId + "@" + lineId;
    }

    @Override
    public long skippedInputs() {
        return skipped;
    }

    @Override
    public boolean stampCaptureTime() {
        return true;
    }

    @Override
    public void close() {
        pending.clear();
    }
}

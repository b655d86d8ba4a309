package io.tessera.ingest.recording;

import io.tessera.ingest.CapturedFrame;
import io.tessera.ingest.source.DirectorySource;
import io.tessera.protocol.ContentType;
import io.tessera.protocol.FrameMetadata;
import io.tessera.protocol.GroundTruth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes a recording from a folder of labelled images ({@code ok/} for good parts, any other
 * subfolder, e.g. {@code pitting/}, for defective ones), each image once as a frame with its
 * ground truth in the headers, as the image's bytes. Subfolders and files are taken in name
 * order and capture times are fixed, so the same folder always gives the same frames: a
 * recording to compare models on, made from the repository's sample rather than shipped as a
 * binary.
 *
 * @param cameraId key and camera of every frame
 * @param lineId   line of every frame
 * @param start    capture time of the first frame; each next one is {@code spacingMillis} later
 */
public record LabeledFolderRecording(String cameraId, String lineId, Instant start, long spacingMillis) {
    public static final String GOOD_FOLDER = "ok";
    public static final LabeledFolderRecording DEFAULT =
            new LabeledFolderRecording("cam-1", "line-1", Instant.parse("2026-01-01T00:00:00Z"), 100);

    /** One image of the folder and its label. */
    public record LabeledFile(Path file, GroundTruth truth) {
    }

    /**
     * The images of {@code data}, good first, then each defect folder in name order; files that are
     * not JPEG, PNG or BMP (masks folders, licences) are left out.
     *
     * @throws IOException naming the folder when it holds no {@code ok/} folder or no image
     */
    public static List<LabeledFile> images(Path data) throws IOException {
        if (!Files.isDirectory(data.resolve(GOOD_FOLDER))) {
            throw new IOException("--data " + data + " has no '" + GOOD_FOLDER + "' folder of good images");
        }
        List<Path> folders;
        try (Stream<Path> s = Files.list(data)) {
            folders = s.filter(Files::isDirectory).filter(d -> !d.getFileName().toString().equals("masks"))
                    .sorted((a, b) -> key(a).compareTo(key(b))).toList();
        }
        List<LabeledFile> images = new ArrayList<>();
        for (Path folder : folders) {
            GroundTruth truth = folder.getFileName().toString().equals(GOOD_FOLDER) ? GroundTruth.OK : GroundTruth.DEFECT;
            try (Stream<Path> s = Files.list(folder)) {
                for (Path file : s.filter(Files::isRegularFile).sorted().toList()) {
                    if (DirectorySource.typeOf(head(file)) != null) {
                        images.add(new LabeledFile(file, truth));
                    }
                }
            }
        }
        if (images.isEmpty()) {
            throw new IOException("--data " + data + " holds no JPEG, PNG or BMP image in its subfolders");
        }
        return images;
    }

    /** Writes the images of {@code data} into the new recording {@code out}; returns how many frames. */
    public int write(Path data, Path out) throws IOException {
        List<LabeledFile> images = images(data);
        try (RecordingWriter writer = RecordingWriter.create(out, "frames", "labelled folder " + data)) {
            long seq = 0;
            for (LabeledFile image : images) {
                byte[] bytes = Files.readAllBytes(image.file());
                ContentType type = DirectorySource.typeOf(bytes);
                FrameMetadata meta = FrameMetadata.of(cameraId, lineId, seq, start.plusMillis(spacingMillis * seq), type)
                        .withGroundTruth(image.truth(), List.of());
                writer.append(List.of(new RecordingWriter.SourcedFrame(CapturedFrame.of(meta, bytes), "frames", 0, seq)));
                seq++;
            }
        }
        return images.size();
    }

    /** "ok" sorts first: good frames lead the recording, as a line starts with good parts. */
    private static String key(Path folder) {
        String name = folder.getFileName().toString();
        return (name.equals(GOOD_FOLDER) ? "0" : "1") + name;
    }

    private static byte[] head(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            return in.readNBytes(8);
        }
    }
}

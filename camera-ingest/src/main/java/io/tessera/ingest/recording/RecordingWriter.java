package io.tessera.ingest.recording;

import io.tessera.ingest.CapturedFrame;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * Appends frames to a new recording (format: {@link RecordingFormat}). Batches keep the
 * crash-safety order and cost two fsyncs per batch rather than per frame: all frame files of
 * the batch are written and fsync'd, then their manifest lines appended and the manifest
 * fsync'd. Not thread-safe.
 */
public final class RecordingWriter implements AutoCloseable {
    private final Path dir;
    private final RecordingFormat format = new RecordingFormat();
    private final FileChannel manifest;
    private long count;
    private long bytes;

    private RecordingWriter(Path dir, FileChannel manifest) {
        this.dir = dir;
        this.manifest = manifest;
    }

    /** Creates a recording in {@code dir}, which must not exist or be empty. */
    public static RecordingWriter create(Path dir, String topic, String source) throws IOException {
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) {
                throw new IOException("--out " + dir + " exists and is not a folder");
            }
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    throw new IOException("--out " + dir + " is not empty; a recording goes into a new folder");
                }
            }
        }
        Files.createDirectories(dir.resolve(RecordingFormat.FRAMES_DIR));
        RecordingFormat.Info info = new RecordingFormat.Info(RecordingFormat.FORMAT, RecordingFormat.VERSION, Instant.now(), topic, source);
        byte[] infoJson = new RecordingFormat().mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(info);
        writeDurably(dir.resolve(RecordingFormat.INFO_FILE), infoJson);
        FileChannel manifest = FileChannel.open(dir.resolve(RecordingFormat.MANIFEST),
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        syncDirectory(dir);
        return new RecordingWriter(dir, manifest);
    }

    /**
     * Continues an existing recording, e.g. after a crash: a torn last manifest line is cut off,
     * frame files that no manifest line names are deleted, and numbering goes on from the last
     * whole frame.
     *
     * @param topic the topic about to be recorded; must be the recording's
     */
    public static RecordingWriter resume(Path dir, String topic) throws IOException {
        RecordingReader existing = RecordingReader.open(dir);
        if (!existing.info().topic().equals(topic)) {
            throw new IOException(dir + " is a recording of topic " + existing.info().topic() + ", not " + topic);
        }
        long count = existing.size();
        try (Stream<Path> files = Files.list(dir.resolve(RecordingFormat.FRAMES_DIR))) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                int dot = name.indexOf('.');
                if (dot > 0 && name.substring(0, dot).matches("\\d+") && Long.parseLong(name.substring(0, dot)) >= count) {
                    Files.delete(f); // written before a crash, never named by the manifest
                }
            }
        }
        FileChannel manifest = FileChannel.open(dir.resolve(RecordingFormat.MANIFEST), StandardOpenOption.WRITE);
        try {
            long good = existing.goodManifestBytes();
            manifest.truncate(good);
            manifest.position(good);
            if (good > 0 && !endsWithNewline(dir.resolve(RecordingFormat.MANIFEST), good)) {
                manifest.write(ByteBuffer.wrap(new byte[] {'\n'}));
            }
            manifest.force(true);
        } catch (IOException e) {
            manifest.close();
            throw e;
        }
        RecordingWriter writer = new RecordingWriter(dir, manifest);
        writer.count = count;
        for (ManifestEntry e : existing.entries()) {
            writer.bytes += e.size();
        }
        return writer;
    }

    private static boolean endsWithNewline(Path file, long length) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            ch.read(last, length - 1);
            return last.get(0) == '\n';
        }
    }

    /** Appends the frames (their index is assigned here) and makes them durable before returning. */
    public void append(List<SourcedFrame> frames) throws IOException {
        if (frames.isEmpty()) {
            return;
        }
        StringBuilder lines = new StringBuilder();
        long n = count;
        for (SourcedFrame f : frames) {
            String file = RecordingFormat.frameFileName(n, f.frame());
            writeDurably(dir.resolve(file), f.frame().value());
            lines.append(format.line(new RecordedFrame(n, f.frame(), f.topic(), f.partition(), f.offset()), file)).append('\n');
            n++;
        }
        syncDirectory(dir.resolve(RecordingFormat.FRAMES_DIR));
        ByteBuffer buffer = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
        while (buffer.hasRemaining()) {
            manifest.write(buffer);
        }
        manifest.force(true);
        for (SourcedFrame f : frames) {
            bytes += f.frame().value().length;
        }
        count = n;
    }

    /** A frame to record and where it was consumed from. */
    public record SourcedFrame(CapturedFrame frame, String topic, int partition, long offset) {
    }

    public long count() {
        return count;
    }

    public long bytes() {
        return bytes;
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() throws IOException {
        manifest.close();
    }

    private static void writeDurably(Path file, byte[] content) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(content);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
    }

    /** Makes new directory entries durable (Linux allows fsync on a directory opened for reading). */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some platforms cannot open directories; the files themselves are already synced.
        }
    }
}

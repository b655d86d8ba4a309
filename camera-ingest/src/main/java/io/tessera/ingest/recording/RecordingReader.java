package io.tessera.ingest.recording;

import io.tessera.ingest.CapturedFrame;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a recording. The manifest is read and checked up front; frame files are read one at a
 * time. A corrupt last manifest line is a torn tail from a crash: it is reported and ignored.
 * A corrupt line before the last, a gap in the numbering, or a frame file whose size or CRC
 * does not match is damage, reported as an error naming the file.
 */
public final class RecordingReader {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingReader.class);

    private final Path dir;
    private final RecordingFormat.Info info;
    private final List<ManifestEntry> entries;
    private final String tornTail;
    private final long goodManifestBytes;

    private RecordingReader(Path dir, RecordingFormat.Info info, List<ManifestEntry> entries, String tornTail,
                            long goodManifestBytes) {
        this.dir = dir;
        this.info = info;
        this.entries = List.copyOf(entries);
        this.tornTail = tornTail;
        this.goodManifestBytes = goodManifestBytes;
    }

    public static RecordingReader open(Path dir) throws IOException {
        RecordingFormat format = new RecordingFormat();
        Path infoFile = dir.resolve(RecordingFormat.INFO_FILE);
        RecordingFormat.Info info;
        try {
            info = format.mapper().readValue(Files.readAllBytes(infoFile), RecordingFormat.Info.class);
        } catch (NoSuchFileException e) {
            throw new IOException(dir + " is not a recording: " + infoFile + " is missing", e);
        }
        if (!RecordingFormat.FORMAT.equals(info.format()) || info.version() != RecordingFormat.VERSION) {
            throw new IOException(infoFile + " declares format " + info.format() + " version " + info.version()
                    + "; this reader knows " + RecordingFormat.FORMAT + " version " + RecordingFormat.VERSION);
        }
        Path manifest = dir.resolve(RecordingFormat.MANIFEST);
        List<ManifestEntry> entries = new ArrayList<>();
        String torn = null;
        String pendingBad = null;
        int lineNo = 0;
        // Split raw bytes on newlines ourselves: a torn tail may end inside a multi-byte
        // character, which a strict Reader would report before returning the good lines.
        byte[] all = Files.readAllBytes(manifest);
        long goodBytes = 0;
        int start = 0;
        while (start < all.length) {
            int end = start;
            while (end < all.length && all[end] != '\n') {
                end++;
            }
            String line = new String(all, start, end - start, StandardCharsets.UTF_8);
            start = end + 1;
            lineNo++;
            if (pendingBad != null) {
                throw new IOException(pendingBad + " (it is not the last line, so this is damage, not a torn tail)");
            }
            Optional<ManifestEntry> entry = format.parse(line);
            if (entry.isEmpty()) {
                pendingBad = manifest + " line " + lineNo + " is corrupt";
                continue;
            }
            if (entry.get().n() != entries.size()) {
                throw new IOException(manifest + " line " + lineNo + " holds frame " + entry.get().n() + ", expected " + entries.size());
            }
            entries.add(entry.get());
            goodBytes = Math.min(start, all.length);
        }
        if (pendingBad != null) {
            torn = pendingBad;
            LOG.warn("{}: torn tail ignored (a crash while writing); {} whole frames are readable", torn, entries.size());
        }
        return new RecordingReader(dir, info, entries, torn, goodBytes);
    }

    public Path dir() {
        return dir;
    }

    public RecordingFormat.Info info() {
        return info;
    }

    public List<ManifestEntry> entries() {
        return entries;
    }

    public int size() {
        return entries.size();
    }

    /** Length of the manifest up to and including the last whole line (where appending resumes). */
    long goodManifestBytes() {
        return goodManifestBytes;
    }

    /** What was wrong with the ignored last line, when there was one. */
    public Optional<String> tornTail() {
        return Optional.ofNullable(tornTail);
    }

    /** Reads frame {@code i} and checks it against the manifest. */
    public RecordedFrame read(int i) throws IOException {
        ManifestEntry e = entries.get(i);
        Path file = dir.resolve(e.file()).normalize();
        if (!file.startsWith(dir.normalize())) {
            throw new IOException("manifest entry " + e.n() + " points outside the recording: " + e.file());
        }
        byte[] value = Files.readAllBytes(file);
        if (value.length != e.size() || !RecordingFormat.crc32c(value).equals(e.crc32c())) {
            throw new IOException(file + " is damaged: " + value.length + " bytes with CRC-32C " + RecordingFormat.crc32c(value)
                    + ", the manifest says " + e.size() + " bytes with " + e.crc32c());
        }
        List<Header> headers = new ArrayList<>(e.headers().size());
        for (ManifestEntry.HeaderEntry h : e.headers()) {
            headers.add(RecordingFormat.header(h));
        }
        CapturedFrame frame = new CapturedFrame(e.key(), headers, value, Instant.ofEpochMilli(e.timestamp()));
        return new RecordedFrame(e.n(), frame, e.topic(), e.partition(), e.offset());
    }
}

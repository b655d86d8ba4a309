package io.tessera.stream.it;

import io.tessera.ingest.CapturedFrame;
import io.tessera.ingest.recording.RecordingWriter;
import io.tessera.protocol.ContentType;
import io.tessera.protocol.FrameHeaders;
import io.tessera.protocol.FrameMetadata;
import io.tessera.protocol.GroundTruth;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A recording made from the repository's BSData sample (real photographs, ground truth from the
 * folder they are in), with the six kinds of bad frame of the wire format spread among them.
 */
final class SampleRecording {
    static final String CAMERA = "cam-1";
    static final String LINE = "line-1";
    static final Instant CAPTURE_START = Instant.parse("2026-11-28T00:00:00Z");

    /** A good frame: its sequence number, the sample file and its ground truth. */
    record Good(long sequence, String file, GroundTruth truth) {
    }

    /** A bad frame and the dead-letter reason it must get. */
    record Bad(long sequence, String what, String reason, byte[] bytes) {
    }

    final List<Good> good = new ArrayList<>();
    final List<Bad> bad = new ArrayList<>();
    final Path dir;

    private SampleRecording(Path dir) {
        this.dir = dir;
    }

    static Path samples() {
        return Path.of(System.getProperty("tessera.root", "..")).resolve("samples/bsdata");
    }

    static List<Path> sampleImages() throws IOException {
        try (Stream<Path> files = Files.list(samples().resolve("ok"))) {
            List<Path> all = new ArrayList<>(files.sorted().toList());
            try (Stream<Path> pitting = Files.list(samples().resolve("pitting"))) {
                all.addAll(pitting.sorted().toList());
            }
            return all;
        }
    }

    /** Writes the recording: every sample image once, a bad frame after every third. */
    static SampleRecording write(Path dir) throws IOException {
        SampleRecording rec = new SampleRecording(dir);
        List<Path> images = sampleImages();
        byte[] donor = Files.readAllBytes(images.get(0));
        List<Bad> bads = badFrames(donor);
        long seq = 0;
        int nextBad = 0;
        try (RecordingWriter writer = RecordingWriter.create(dir, "frames", "stream-app end-to-end test")) {
            for (int i = 0; i < images.size(); i++) {
                Path image = images.get(i);
                GroundTruth truth = image.getParent().getFileName().toString().equals("ok") ? GroundTruth.OK : GroundTruth.DEFECT;
                FrameMetadata meta = FrameMetadata.of(CAMERA, LINE, seq, CAPTURE_START.plusMillis(100 * seq), ContentType.JPEG)
                        .withGroundTruth(truth, List.of());
                append(writer, CapturedFrame.of(meta, Files.readAllBytes(image)), seq);
                rec.good.add(new Good(seq, image.getParent().getFileName() + "/" + image.getFileName(), truth));
                seq++;
                if (i % 3 == 2 && nextBad < bads.size()) {
                    Bad b = bads.get(nextBad++);
                    Bad placed = new Bad(seq, b.what(), b.reason(), b.bytes());
                    append(writer, badFrame(placed), seq);
                    rec.bad.add(placed);
                    seq++;
                }
            }
            while (nextBad < bads.size()) {
                Bad b = bads.get(nextBad++);
                Bad placed = new Bad(seq, b.what(), b.reason(), b.bytes());
                append(writer, badFrame(placed), seq);
                rec.bad.add(placed);
                seq++;
            }
        }
        return rec;
    }

    int frames() {
        return good.size() + bad.size();
    }

    private static void append(RecordingWriter writer, CapturedFrame frame, long offset) throws IOException {
        writer.append(List.of(new RecordingWriter.SourcedFrame(frame, "frames", 0, offset)));
    }

    private static List<Bad> badFrames(byte[] jpeg) {
        byte[] corrupt = jpeg.clone();
        for (int i = 2; i < corrupt.length - 2; i++) {
            corrupt[i] = (byte) (i * 31 + 7);
        }
        return List.of(
                new Bad(0, "corrupt JPEG", "corrupt-image", corrupt),
                new Bad(0, "truncated frame", "truncated", Arrays.copyOf(jpeg, jpeg.length / 2)),
                new Bad(0, "header dimensions not matching the image", "dimension-mismatch", jpeg),
                new Bad(0, "absurd dimensions", "absurd-dimensions", jpeg),
                new Bad(0, "unknown content type", "unknown-content-type", jpeg),
                new Bad(0, "missing header", "missing-header", jpeg));
    }

    private static CapturedFrame badFrame(Bad bad) {
        RecordHeaders headers = new RecordHeaders();
        Instant capture = CAPTURE_START.plusMillis(100 * bad.sequence());
        FrameMetadata.of(CAMERA, LINE, bad.sequence(), capture, ContentType.JPEG).writeTo(headers);
        switch (bad.reason()) {
            case "dimension-mismatch" -> {
                put(headers, FrameHeaders.WIDTH, "2048");
                put(headers, FrameHeaders.HEIGHT, "1080");
            }
            case "absurd-dimensions" -> {
                put(headers, FrameHeaders.WIDTH, "100000");
                put(headers, FrameHeaders.HEIGHT, "100000");
            }
            case "unknown-content-type" -> put(headers, FrameHeaders.CONTENT_TYPE, "image/gif");
            case "missing-header" -> headers.remove(FrameHeaders.LINE_ID);
            default -> {
                // the bytes are what is wrong
            }
        }
        List<Header> list = List.of(headers.toArray());
        return new CapturedFrame(CAMERA, list, bad.bytes(), capture);
    }

    private static void put(RecordHeaders headers, String name, String value) {
        headers.remove(name);
        headers.add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }
}

package io.tessera.ingest.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.ingest.CapturedFrame;
import io.tessera.ingest.TinyFrames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingFormatTest {
    @TempDir
    Path tmp;

    private static List<RecordingWriter.SourcedFrame> frames(int n) {
        Random random = new Random(42);
        List<RecordingWriter.SourcedFrame> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            CapturedFrame f = TinyFrames.frame(i, Instant.parse("2026-03-01T08:00:00Z").plusMillis(33L * i));
            byte[] value = new byte[1000 + random.nextInt(5000)];
            random.nextBytes(value);
            List<Header> headers = new ArrayList<>(f.headers());
            headers.add(new RecordHeader("binary", new byte[] {(byte) 0xC3, 0x28, 0, (byte) 0xFF}));
            headers.add(new RecordHeader("null-value", (byte[]) null));
            headers.add(new RecordHeader("unicode", "Prüfstand \"7\" \u2713\n".getBytes(StandardCharsets.UTF_8)));
            headers.add(new RecordHeader("binary", new byte[] {1, 2, 3})); // repeated names keep their order
            out.add(new RecordingWriter.SourcedFrame(new CapturedFrame(i == 3 ? null : f.key(), headers, value, f.timestamp()),
                    "frames", i % 3, 100 + i));
        }
        return out;
    }

    private Path write(List<RecordingWriter.SourcedFrame> frames) throws IOException {
        Path dir = tmp.resolve("rec");
        try (RecordingWriter w = RecordingWriter.create(dir, "frames", "test")) {
            w.append(frames.subList(0, 2));
            w.append(frames.subList(2, frames.size()));
            assertThat(w.count()).isEqualTo(frames.size());
        }
        return dir;
    }

    private static void assertSameFrame(CapturedFrame actual, CapturedFrame expected) {
        assertThat(actual.key()).isEqualTo(expected.key());
        assertThat(actual.value()).isEqualTo(expected.value());
        assertThat(actual.timestamp()).isEqualTo(expected.timestamp());
        assertThat(actual.headers()).hasSameSizeAs(expected.headers());
        for (int h = 0; h < expected.headers().size(); h++) {
            assertThat(actual.headers().get(h).key()).isEqualTo(expected.headers().get(h).key());
            assertThat(actual.headers().get(h).value()).isEqualTo(expected.headers().get(h).value());
        }
    }

    @Test
    void roundTripIsByteExact() throws IOException {
        List<RecordingWriter.SourcedFrame> frames = frames(7);
        RecordingReader reader = RecordingReader.open(write(frames));
        assertThat(reader.tornTail()).isEmpty();
        assertThat(reader.size()).isEqualTo(7);
        assertThat(reader.info().topic()).isEqualTo("frames");
        for (int i = 0; i < 7; i++) {
            RecordedFrame r = reader.read(i);
            assertThat(r.index()).isEqualTo(i);
            assertThat(r.partition()).isEqualTo(i % 3);
            assertThat(r.offset()).isEqualTo(100 + i);
            assertSameFrame(r.frame(), frames.get(i).frame());
        }
        // frame files are the values as they are, named by content type
        assertThat(reader.entries().get(0).file()).isEqualTo("frames/0000000000.jpg");
        assertThat(Files.readAllBytes(reader.dir().resolve("frames/0000000004.jpg"))).isEqualTo(frames.get(4).frame().value());
    }

    @Test
    void tornTailIsIgnoredAndEarlierFramesStayReadable() throws IOException {
        List<RecordingWriter.SourcedFrame> frames = frames(5);
        Path dir = write(frames);
        Path manifest = dir.resolve(RecordingFormat.MANIFEST);
        List<String> lines = Files.readAllLines(manifest);
        // a crash while writing a sixth frame: its file exists, its manifest line is cut short mid-character
        Files.write(dir.resolve("frames/0000000005.jpg"), new byte[] {1, 2, 3});
        byte[] half = lines.get(4).substring(0, lines.get(4).indexOf("Pr") + 3).getBytes(StandardCharsets.UTF_8);
        Files.write(manifest, Arrays.copyOf(half, half.length - 1), StandardOpenOption.APPEND);

        RecordingReader reader = RecordingReader.open(dir);
        assertThat(reader.tornTail()).hasValueSatisfying(t -> assertThat(t).contains("line 6"));
        assertThat(reader.size()).isEqualTo(5);
        for (int i = 0; i < 5; i++) {
            assertSameFrame(reader.read(i).frame(), frames.get(i).frame());
        }
    }

    @Test
    void aCrashedRecordingCanBeContinued() throws IOException {
        List<RecordingWriter.SourcedFrame> frames = frames(6);
        Path dir = tmp.resolve("rec");
        try (RecordingWriter w = RecordingWriter.create(dir, "frames", "test")) {
            w.append(frames.subList(0, 3));
        }
        // the crash: frame 3's file written, its manifest line torn
        Files.write(dir.resolve("frames/0000000003.jpg"), new byte[] {9, 9});
        Files.write(dir.resolve(RecordingFormat.MANIFEST), "{\"crc32c\":\"00".getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.APPEND);
        assertThatThrownBy(() -> RecordingWriter.resume(dir, "other-topic")).hasMessageContaining("not other-topic");
        try (RecordingWriter w = RecordingWriter.resume(dir, "frames")) {
            assertThat(w.count()).isEqualTo(3);
            w.append(frames.subList(3, 6));
        }
        RecordingReader reader = RecordingReader.open(dir);
        assertThat(reader.tornTail()).isEmpty();
        assertThat(reader.size()).isEqualTo(6);
        for (int i = 0; i < 6; i++) {
            assertSameFrame(reader.read(i).frame(), frames.get(i).frame());
        }
    }

    @Test
    void aLineWithAWrongChecksumAtTheEndIsATornTail() throws IOException {
        Path dir = write(frames(3));
        Path manifest = dir.resolve(RecordingFormat.MANIFEST);
        List<String> lines = new ArrayList<>(Files.readAllLines(manifest));
        lines.set(2, lines.get(2).replace("\"partition\":2", "\"partition\":7"));
        Files.write(manifest, lines);
        RecordingReader reader = RecordingReader.open(dir);
        assertThat(reader.size()).isEqualTo(2);
        assertThat(reader.tornTail()).isPresent();
    }

    @Test
    void damageBeforeTheLastLineIsAnError() throws IOException {
        Path dir = write(frames(3));
        Path manifest = dir.resolve(RecordingFormat.MANIFEST);
        List<String> lines = new ArrayList<>(Files.readAllLines(manifest));
        lines.set(1, lines.get(1).substring(0, 40));
        Files.write(manifest, lines);
        assertThatThrownBy(() -> RecordingReader.open(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("line 2 is corrupt").hasMessageContaining("not the last line");
    }

    @Test
    void aDamagedFrameFileIsReportedByName() throws IOException {
        Path dir = write(frames(3));
        Path file = dir.resolve("frames/0000000001.jpg");
        byte[] bytes = Files.readAllBytes(file);
        bytes[10] ^= 1;
        Files.write(file, bytes);
        RecordingReader reader = RecordingReader.open(dir);
        assertThat(reader.read(0).index()).isZero();
        assertThatThrownBy(() -> reader.read(1)).isInstanceOf(IOException.class).hasMessageContaining("0000000001.jpg is damaged");
    }

    @Test
    void refusesToWriteIntoANonEmptyFolderOrReadANonRecording() throws IOException {
        Files.writeString(tmp.resolve("something"), "x");
        assertThatThrownBy(() -> RecordingWriter.create(tmp, "frames", "test")).hasMessageContaining("is not empty");
        assertThatThrownBy(() -> RecordingReader.open(tmp)).hasMessageContaining("is not a recording");
    }

    @Test
    void recordingSourceReplaysInOrderAndCanRestamp() throws IOException {
        List<RecordingWriter.SourcedFrame> frames = frames(4);
        RecordingSource source = new RecordingSource(RecordingReader.open(write(frames)), false);
        for (int i = 0; i < 4; i++) {
            assertSameFrame(source.next().orElseThrow(), frames.get(i).frame());
        }
        assertThat(source.next()).isEmpty();
        assertThat(source.stampCaptureTime()).isFalse();
        assertThat(new RecordingSource(RecordingReader.open(tmp.resolve("rec")), true).stampCaptureTime()).isTrue();
    }
}

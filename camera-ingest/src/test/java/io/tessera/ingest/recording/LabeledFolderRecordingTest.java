package io.tessera.ingest.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.protocol.FrameMetadata;
import io.tessera.protocol.GroundTruth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabeledFolderRecordingTest {
    private static final byte[] JPEG_HEAD = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F'};

    @TempDir
    Path tmp;

    private Path folder() throws IOException {
        Path data = tmp.resolve("data");
        Files.createDirectories(data.resolve("ok"));
        Files.createDirectories(data.resolve("pitting"));
        Files.createDirectories(data.resolve("masks/pitting"));
        Files.write(data.resolve("pitting/a.jpg"), JPEG_HEAD);
        Files.write(data.resolve("ok/b.jpg"), JPEG_HEAD);
        Files.write(data.resolve("ok/a.jpg"), JPEG_HEAD);
        Files.writeString(data.resolve("ok/README.txt"), "not an image");
        Files.write(data.resolve("masks/pitting/a.png"), JPEG_HEAD);
        return data;
    }

    @Test
    void goodImagesFirstInNameOrderWithTheirGroundTruth() throws IOException {
        Path data = folder();
        Path out = tmp.resolve("rec");
        int frames = LabeledFolderRecording.DEFAULT.write(data, out);

        assertThat(frames).isEqualTo(3);
        RecordingReader reader = RecordingReader.open(out);
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < reader.size(); i++) {
            var frame = reader.read(i).frame();
            FrameMetadata meta = FrameMetadata.readFrom(frame.key(), new org.apache.kafka.common.header.internals.RecordHeaders(
                    frame.headers()));
            seen.add(meta.sequence() + ":" + meta.groundTruth() + ":" + meta.captureTime());
        }
        assertThat(seen).containsExactly("0:OK:2026-01-01T00:00:00Z", "1:OK:2026-01-01T00:00:00.100Z",
                "2:DEFECT:2026-01-01T00:00:00.200Z");
        assertThat(LabeledFolderRecording.images(data))
                .extracting(f -> f.file().getFileName().toString() + "=" + f.truth())
                .containsExactly("a.jpg=" + GroundTruth.OK, "b.jpg=" + GroundTruth.OK, "a.jpg=" + GroundTruth.DEFECT);
    }

    @Test
    void aFolderWithoutGoodImagesNamesTheFlag() {
        assertThatThrownBy(() -> LabeledFolderRecording.images(tmp)).hasMessageContaining("--data").hasMessageContaining("'ok'");
    }
}

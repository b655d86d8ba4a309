package io.tessera.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.ingest.publish.FramePublisher;
import io.tessera.ingest.publish.KafkaFrameSink;
import io.tessera.ingest.publish.Pace;
import io.tessera.ingest.publish.ProducerSettings;
import io.tessera.ingest.recording.FrameRecorder;
import io.tessera.ingest.recording.RecordedFrame;
import io.tessera.ingest.recording.RecordingFormat;
import io.tessera.ingest.recording.RecordingReader;
import io.tessera.ingest.recording.RecordingSource;
import io.tessera.ingest.recording.RecordingWriter;
import io.tessera.ingest.sim.LineSimulator;
import io.tessera.ingest.source.FrameSource;
import io.tessera.kafka.local.KafkaCluster;
import io.tessera.protocol.TopicDescriptor;
import io.tessera.protocol.Topics;
import io.tessera.testing.kafka.KafkaBrokerExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class RecordReplayIT {
    private static final int FRAMES = 12;

    private static TopicDescriptor<String, byte[]> topic(String name) {
        TopicDescriptor<String, byte[]> d = Topics.defaults().frames();
        return new TopicDescriptor<>(name, d.keySerde(), d.valueSerde());
    }

    private static void publish(KafkaCluster kafka, TopicDescriptor<String, byte[]> to, FrameSource source,
                                Pace pace, long maxFrames) throws Exception {
        try (KafkaFrameSink sink = KafkaFrameSink.create(to, ProducerSettings.defaults(kafka.bootstrapServers()), "rr-it");
             FramePublisher p = FramePublisher.builder().source(source).sink(sink).pace(pace).maxFrames(maxFrames).build()) {
            p.run();
        }
    }

    private static RecordingReader record(KafkaCluster kafka, TopicDescriptor<String, byte[]> from, Path out) throws IOException {
        RecordingWriter writer = RecordingWriter.create(out, from.name(), kafka.bootstrapServers());
        try (FrameRecorder recorder = new FrameRecorder(
                FrameRecorder.consumer(from, kafka.bootstrapServers(), 16 * 1024 * 1024, Map.of()), from.name(),
                kafka.bootstrapServers(), writer, FrameRecorder.Start.BEGINNING,
                new FrameRecorder.Limits(0, null, true, null), Clock.systemUTC())) {
            recorder.run();
        }
        return RecordingReader.open(out);
    }

    /** Simulated frames plus an extra binary header and a null-valued header, to check headers survive as bytes. */
    private static FrameSource withOddHeaders(FrameSource inner) {
        return new FrameSource() {
            @Override
            public Optional<CapturedFrame> next() throws IOException, InterruptedException {
                return inner.next().map(f -> {
                    List<Header> h = new ArrayList<>(f.headers());
                    h.add(new RecordHeader("x-binary", new byte[] {(byte) 0xFE, 0, (byte) 0x80}));
                    h.add(new RecordHeader("x-null", (byte[]) null));
                    return new CapturedFrame(f.key(), h, f.value(), f.timestamp());
                });
            }

            @Override
            public String describe() {
                return inner.describe();
            }

            @Override
            public boolean stampCaptureTime() {
                return true;
            }

            @Override
            public void close() {
                inner.close();
            }
        };
    }

    @Test
    void recordThenReplayRoundTripsExactly(KafkaCluster kafka, @TempDir Path tmp) throws Exception {
        TopicDescriptor<String, byte[]> original = topic("rr.original");
        TopicDescriptor<String, byte[]> replayed = topic("rr.replayed");
        kafka.createTopics(2, original.name(), replayed.name());
        try (LineSimulator sim = LineSimulator.builder().camerasPerLine(2).seed(5).defectRate(0.5).size(1024, 540).build()) {
            for (var camera : sim.cameras()) {
                publish(kafka, original, withOddHeaders(camera), Pace.fixedRate(20), FRAMES);
            }
        }
        RecordingReader first = record(kafka, original, tmp.resolve("first"));
        assertThat(first.size()).isEqualTo(2 * FRAMES);
        assertThat(first.tornTail()).isEmpty();

        publish(kafka, replayed, new RecordingSource(first, false), Pace.asRecorded(4), 0);
        RecordingReader second = record(kafka, replayed, tmp.resolve("second"));
        assertThat(second.size()).isEqualTo(first.size());
        // recorded order is per partition; compare frame by frame within each camera
        for (String camera : List.of("cam-1-1", "cam-1-2")) {
            List<RecordedFrame> a = framesOf(first, camera);
            List<RecordedFrame> b = framesOf(second, camera);
            assertThat(a).hasSize(FRAMES);
            assertThat(b).hasSize(FRAMES);
            for (int i = 0; i < FRAMES; i++) {
                assertSame(b.get(i).frame(), a.get(i).frame());
            }
        }
    }

    @Test
    void aRecordingWithATornTailReplaysItsWholeFrames(KafkaCluster kafka, @TempDir Path tmp) throws Exception {
        TopicDescriptor<String, byte[]> source = topic("torn.source");
        TopicDescriptor<String, byte[]> replayed = topic("torn.replayed");
        kafka.createTopics(1, source.name(), replayed.name());
        try (LineSimulator sim = LineSimulator.builder().seed(8).size(640, 480).renderThreads(0).build()) {
            publish(kafka, source, sim.cameras().get(0), Pace.asFastAsPossible(), FRAMES);
        }
        Path dir = tmp.resolve("rec");
        RecordingReader full = record(kafka, source, dir);
        // a crash while writing the next frame: its file is there, its manifest line half written
        Files.write(dir.resolve("frames/" + String.format("%010d", full.size()) + ".jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8});
        Files.write(dir.resolve(RecordingFormat.MANIFEST), "{\"crc32c\":\"0badf00d\",\"entry\":{\"n\":".getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.APPEND);

        RecordingReader torn = RecordingReader.open(dir);
        assertThat(torn.tornTail()).isPresent();
        assertThat(torn.size()).isEqualTo(FRAMES);
        publish(kafka, replayed, new RecordingSource(torn, false), Pace.asFastAsPossible(), 0);
        var records = KafkaFrames.read(kafka.bootstrapServers(), replayed.name(), FRAMES);
        assertThat(records).hasSize(FRAMES);
        for (int i = 0; i < FRAMES; i++) {
            assertThat(records.get(i).value()).isEqualTo(full.read(i).frame().value());
        }
    }

    private static List<RecordedFrame> framesOf(RecordingReader reader, String camera) throws IOException {
        List<RecordedFrame> out = new ArrayList<>();
        for (int i = 0; i < reader.size(); i++) {
            RecordedFrame f = reader.read(i);
            if (camera.equals(f.frame().key())) {
                out.add(f);
            }
        }
        return out;
    }

    private static void assertSame(CapturedFrame actual, CapturedFrame expected) {
        assertThat(actual.key()).isEqualTo(expected.key());
        assertThat(actual.value()).isEqualTo(expected.value());
        assertThat(actual.headers()).hasSameSizeAs(expected.headers());
        for (int h = 0; h < expected.headers().size(); h++) {
            assertThat(actual.headers().get(h).key()).isEqualTo(expected.headers().get(h).key());
            assertThat(actual.headers().get(h).value()).isEqualTo(expected.headers().get(h).value());
        }
    }
}

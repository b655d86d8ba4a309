package io.tessera.stream.topology;

import static io.tessera.stream.topology.TopologyHarness.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.protocol.ContentType;
import io.tessera.protocol.Decision;
import io.tessera.protocol.FrameHeaders;
import io.tessera.protocol.Verdict;
import io.tessera.testing.TestFrames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every kind of bad frame lands in the dead-letter topic with its reason, bytes and headers; its neighbours get verdicts. */
class DeadLetterTopologyTest {
    private static final Instant CAPTURE = NOW.minusMillis(50);

    record BadFrame(String key, byte[] value, Headers headers) {
    }

    private static Headers jpeg(long seq) {
        return TestFrames.headers("line-a", seq, CAPTURE, ContentType.JPEG);
    }

    private static Headers without(Headers headers, String name) {
        headers.remove(name);
        return headers;
    }

    private static Headers with(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    static List<Arguments> badFrames() {
        byte[] good = TestFrames.whiteJpeg(256, 128);
        List<Arguments> cases = new ArrayList<>();
        // Noise after a valid start: the header segments are garbage.
        byte[] corrupt = good.clone();
        for (int i = 2; i < corrupt.length - 2; i++) {
            corrupt[i] = (byte) (i * 31 + 7);
        }
        cases.add(Arguments.of("corrupt JPEG", "corrupt-image", (Supplier<BadFrame>) () -> new BadFrame("cam-1", corrupt, jpeg(1))));
        cases.add(Arguments.of("not an image at all", "corrupt-image",
                (Supplier<BadFrame>) () -> new BadFrame("cam-1", "hello".getBytes(StandardCharsets.UTF_8), jpeg(1))));
        cases.add(Arguments.of("truncated JPEG", "truncated",
                (Supplier<BadFrame>) () -> new BadFrame("cam-1", Arrays.copyOf(good, good.length / 2), jpeg(1))));
        cases.add(Arguments.of("truncated raw frame", "truncated", (Supplier<BadFrame>) () -> new BadFrame("cam-1",
                new byte[128 * 64 - 100], TestFrames.headers("line-a", 1, CAPTURE, ContentType.MONO8, 128, 64))));
        cases.add(Arguments.of("header dimensions not matching the image", "dimension-mismatch",
                (Supplier<BadFrame>) () -> new BadFrame("cam-1", good,
                        TestFrames.headers("line-a", 1, CAPTURE, ContentType.JPEG, 2048, 1080))));
        cases.add(Arguments.of("absurd dimensions in the headers", "absurd-dimensions",
                (Supplier<BadFrame>) () -> new BadFrame("cam-1", new byte[16],
                        with(with(jpeg(1), FrameHeaders.WIDTH, "1000000"), FrameHeaders.HEIGHT, "1000000"))));
        cases.add(Arguments.of("absurd dimensions in the image itself", "absurd-dimensions",
                (Supplier<BadFrame>) () -> new BadFrame("cam-1", withJpegSize(good, 60000, 60000), jpeg(1))));
        cases.add(Arguments.of("unknown content type", "unknown-content-type",
                (Supplier<BadFrame>) () -> new BadFrame("cam-1", good, with(jpeg(1), FrameHeaders.CONTENT_TYPE, "image/gif"))));
        cases.add(Arguments.of("missing capture time header", "missing-header",
                (Supplier<BadFrame>) () -> new BadFrame("cam-1", good, without(jpeg(1), FrameHeaders.CAPTURE_TIME))));
        cases.add(Arguments.of("missing line header", "missing-header",
                (Supplier<BadFrame>) () -> new BadFrame("cam-1", good, without(jpeg(1), FrameHeaders.LINE_ID))));
        cases.add(Arguments.of("non-numeric sequence", "bad-header",
                (Supplier<BadFrame>) () -> new BadFrame("cam-1", good, with(jpeg(1), FrameHeaders.SEQUENCE, "seven"))));
        // Regression: a capture time about 292 years away overflowed the deadline arithmetic.
        cases.add(Arguments.of("capture time 292 years ahead", "bad-header", (Supplier<BadFrame>) () -> new BadFrame("cam-1", good,
                with(jpeg(1), FrameHeaders.CAPTURE_TIME, Long.toString(NOW.toEpochMilli() + 9_300_000_000_000L)))));
        cases.add(Arguments.of("capture time an hour ahead", "bad-header", (Supplier<BadFrame>) () -> new BadFrame("cam-1", good,
                with(jpeg(1), FrameHeaders.CAPTURE_TIME, Long.toString(NOW.plusSeconds(3600).toEpochMilli())))));
        cases.add(Arguments.of("negative capture time", "bad-header",
                (Supplier<BadFrame>) () -> new BadFrame("cam-1", good, with(jpeg(1), FrameHeaders.CAPTURE_TIME, "-5"))));
        cases.add(Arguments.of("capture time eleven years old", "bad-header", (Supplier<BadFrame>) () -> new BadFrame("cam-1", good,
                with(jpeg(1), FrameHeaders.CAPTURE_TIME, Long.toString(NOW.minus(Duration.ofDays(11 * 366)).toEpochMilli())))));
        cases.add(Arguments.of("no key", "missing-key", (Supplier<BadFrame>) () -> new BadFrame(null, good, jpeg(1))));
        cases.add(Arguments.of("empty value", "empty-frame", (Supplier<BadFrame>) () -> new BadFrame("cam-1", new byte[0], jpeg(1))));
        cases.add(Arguments.of("JPEG with thousands of scans", "too-many-scans", (Supplier<BadFrame>) () -> new BadFrame("cam-1",
                TestFrames.withExtraScans(good, 2000), jpeg(1))));
        cases.add(Arguments.of("PNG bytes labelled JPEG", "corrupt-image", (Supplier<BadFrame>) () -> new BadFrame("cam-1",
                TestFrames.encode(TestFrames.image(64, 64, 0, 0, 0), ".png"), jpeg(1))));
        return cases;
    }

    /** A JPEG whose frame header claims another size: what a hostile sender would do to make the decoder allocate. */
    static byte[] withJpegSize(byte[] jpeg, int width, int height) {
        byte[] b = jpeg.clone();
        int i = 2;
        while (i < b.length) {
            int marker = b[i + 1] & 0xFF;
            int length = ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
            if (marker == 0xC0 || marker == 0xC2) {
                b[i + 5] = (byte) (height >> 8);
                b[i + 6] = (byte) height;
                b[i + 7] = (byte) (width >> 8);
                b[i + 8] = (byte) width;
                return b;
            }
            i += 2 + length;
        }
        throw new IllegalArgumentException("no SOF");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("badFrames")
    void badFrameIsDeadLetteredWithItsReasonWhileItsNeighboursGetVerdicts(String what, String reason,
            Supplier<BadFrame> bad) {
        try (TopologyHarness h = new TopologyHarness(Map.of())) {
            BadFrame frame = bad.get();
            Header[] original = frame.headers().toArray();
            h.send("cam-1", TestFrames.whiteJpeg(256, 128), jpeg(10));
            h.frames.pipeInput(new TestRecord<>(frame.key(), frame.value(), frame.headers(), NOW));
            h.send("cam-1", TestFrames.whiteJpeg(256, 128), jpeg(12));

            List<Verdict> verdicts = h.verdicts.readValuesToList();
            assertThat(verdicts).extracting(Verdict::sequence).containsExactly(10L, 12L);
            assertThat(verdicts).extracting(Verdict::decision).containsOnly(Decision.OK);

            List<TestRecord<String, byte[]>> dead = h.deadLetters.readRecordsToList();
            assertThat(dead).hasSize(1);
            TestRecord<String, byte[]> letter = dead.get(0);
            assertThat(letter.key()).isEqualTo(frame.key());
            assertThat(letter.value()).isEqualTo(frame.value());
            for (Header header : original) {
                assertThat(letter.headers().lastHeader(header.key()).value()).as(header.key()).isEqualTo(header.value());
            }
            assertThat(text(letter.headers(), FrameHeaders.DLQ_REASON)).isEqualTo(reason);
            assertThat(text(letter.headers(), FrameHeaders.DLQ_DETAIL)).isNotBlank();
            assertThat(text(letter.headers(), FrameHeaders.DLQ_SOURCE_TOPIC)).isEqualTo("frames");
            assertThat(text(letter.headers(), FrameHeaders.DLQ_SOURCE_OFFSET)).isEqualTo("1");
            assertThat(text(letter.headers(), FrameHeaders.DLQ_TIME)).isEqualTo(Long.toString(NOW.toEpochMilli()));
            assertThat(h.count("dlq", "reason", reason)).isEqualTo(1);
            assertThat(h.alerts.isEmpty()).isTrue();
            assertThat(h.classifier.batchSizes()).containsExactly(8, 8); // the bad frame never reached the model
        }
    }

    @Test
    void aFrameOverTheSizeLimitIsRefusedBeforeDecoding() {
        try (TopologyHarness h = new TopologyHarness(Map.of("frames.max-bytes", "1000",
                "kafka.producer.max.request.size", "2000"))) {
            byte[] big = TestFrames.jpeg(256, 128, 70, 5, 54);
            assertThat(big.length).isGreaterThan(1000);
            h.send("cam-1", big, jpeg(1));
            assertThat(text(h.deadLetters.readRecord().headers(), FrameHeaders.DLQ_REASON)).isEqualTo("too-large");
        }
    }

    @Test
    void anImageAboveTheMaxPixelsIsRefusedBeforeDecoding() {
        try (TopologyHarness h = new TopologyHarness(Map.of("frames.max-pixels", "10000"))) {
            h.send("cam-1", TestFrames.whiteJpeg(256, 128), jpeg(1));
            h.send("cam-1", new byte[200 * 100], TestFrames.headers("line-a", 2, CAPTURE, ContentType.MONO8, 200, 100));
            h.send("cam-1", TestFrames.whiteJpeg(64, 64), jpeg(3));
            List<TestRecord<String, byte[]>> dead = h.deadLetters.readRecordsToList();
            assertThat(dead).extracting(r -> text(r.headers(), FrameHeaders.DLQ_REASON))
                    .containsExactly("absurd-dimensions", "absurd-dimensions");
            assertThat(h.verdicts.readValue().sequence()).isEqualTo(3);
            assertThat(h.classifier.batchSizes()).containsExactly(1);
        }
    }

    @Test
    void aDeadLetterReplayedFromTheDlqGetsOneFreshReason() {
        try (TopologyHarness h = new TopologyHarness(Map.of())) {
            Headers headers = with(without(jpeg(1), FrameHeaders.LINE_ID), FrameHeaders.DLQ_REASON, "old-reason");
            h.send("cam-1", TestFrames.whiteJpeg(64, 64), headers);
            Headers out = h.deadLetters.readRecord().headers();
            assertThat(out.headers(FrameHeaders.DLQ_REASON)).hasSize(1);
            assertThat(text(out, FrameHeaders.DLQ_REASON)).isEqualTo("missing-header");
        }
    }

    private static String text(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    static Headers fresh() {
        return new RecordHeaders();
    }
}

package io.tessera.launcher.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.protocol.FrameFormatException;
import io.tessera.stream.validate.CaptureWindow;
import io.tessera.stream.validate.FrameValidator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Every bad frame is refused by the app's own validator, with the reason the audit expects. */
class BadFrameMakerTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final int MAX_BYTES = 1024 * 1024;
    private final BadFrameMaker maker = new BadFrameMaker("cam-1-1", "line", MAX_BYTES);
    private final FrameValidator validator = new FrameValidator(MAX_BYTES, 40_000_000,
            new CaptureWindow(Duration.ofDays(3650), Duration.ofMinutes(5)), Clock.fixed(NOW, ZoneOffset.UTC));

    @ParameterizedTest
    @EnumSource(BadFrameKind.class)
    void theAppsValidatorGivesEachKindItsExpectedReason(BadFrameKind kind) {
        BadFrame bad = maker.make(3, kind, NOW);
        RecordHeaders headers = new RecordHeaders(bad.headers().toArray(Header[]::new));
        assertThatThrownBy(() -> validator.validate(bad.key(), headers, bad.value()))
                .as(kind.description())
                .isInstanceOfSatisfying(FrameFormatException.class, e -> assertThat(e.reason()).isEqualTo(kind.reason()));
    }

    @ParameterizedTest
    @EnumSource(BadFrameKind.class)
    void theMarkerNamesTheKind(BadFrameKind kind) {
        BadFrame bad = maker.make(12, kind, NOW);
        String marker = HeaderText.of(new RecordHeaders(bad.headers().toArray(Header[]::new)), BadFrameMaker.MARKER_HEADER);
        assertThat(marker).isEqualTo(bad.id());
        assertThat(BadFrameMaker.kindOf(marker)).isEqualTo(kind);
    }

    @Test
    void theDonorItselfIsAGoodFrame() {
        RecordHeaders headers = new RecordHeaders();
        io.tessera.protocol.FrameMetadata.of("cam-1-1", "line", 0, NOW, io.tessera.protocol.ContentType.JPEG).writeTo(headers);
        assertThat(validator.validate("cam-1-1", headers, BadFrameMaker.donorJpeg()).width()).isEqualTo(320);
    }

    @Test
    void aMarkerNotOfThisRunNamesNoKind() {
        assertThat(BadFrameMaker.kindOf(null)).isNull();
        assertThat(BadFrameMaker.kindOf("bad-1-nonsense")).isNull();
        assertThat(BadFrameMaker.kindOf("other")).isNull();
    }
}

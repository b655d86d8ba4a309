package io.tessera.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameMetadataTest {

    private static final Instant CAPTURED = Instant.parse("2026-03-01T08:15:30.125Z");

    private static FrameMetadata full() {
        // A raw frame needs its dimensions at construction, hence the canonical constructor.
        return new FrameMetadata("cam-07", "line-2", 18342, CAPTURED, ContentType.BGR8, 2048, 1080, "P-2026-000917",
                GroundTruth.DEFECT, List.of(new Region(10, 20, 30, 40), new Region(500, 600, 7, 8)));
    }

    /** Valid headers of a JPEG frame, for tests that then break one of them. */
    private static Headers jpegHeaders() {
        Headers headers = new RecordHeaders();
        FrameMetadata.of("cam-1", "line-1", 5, CAPTURED, ContentType.JPEG).writeTo(headers);
        return headers;
    }

    private static void set(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertFault(String key, Headers headers, String reason) {
        return assertThatThrownBy(() -> FrameMetadata.readFrom(key, headers))
                .isInstanceOf(FrameFormatException.class)
                .satisfies(e -> assertThat(((FrameFormatException) e).reason()).isEqualTo(reason));
    }

    @Test
    void everyFieldSurvivesTheHeaders() {
        FrameMetadata original = full();
        Headers headers = new RecordHeaders();
        original.writeTo(headers);

        FrameMetadata read = FrameMetadata.readFrom("cam-07", headers);

        assertThat(read).isEqualTo(original);
        assertThat(read.expectedRawBytes()).isEqualTo(2048L * 1080 * 3);
    }

    @Test
    void minimalJpegFrameSurvivesTheHeaders() {
        FrameMetadata read = FrameMetadata.readFrom("cam-1", jpegHeaders());

        assertThat(read).isEqualTo(FrameMetadata.of("cam-1", "line-1", 5, CAPTURED, ContentType.JPEG));
        assertThat(read.declaredWidth()).isEmpty();
        assertThat(read.part()).isEmpty();
        assertThat(read.truth()).isEmpty();
        assertThat(read.groundTruthRegions()).isEmpty();
        assertThat(read.expectedRawBytes()).isEqualTo(-1);
    }

    @Test
    void headersAreReadableText() {
        Headers headers = new RecordHeaders();
        full().writeTo(headers);

        assertThat(FrameMetadata.text(headers, FrameHeaders.CONTENT_TYPE)).isEqualTo("image/x-raw-bgr8");
        assertThat(FrameMetadata.text(headers, FrameHeaders.CAPTURE_TIME)).isEqualTo(Long.toString(CAPTURED.toEpochMilli()));
        assertThat(FrameMetadata.text(headers, FrameHeaders.SEQUENCE)).isEqualTo("18342");
        assertThat(FrameMetadata.text(headers, FrameHeaders.LINE_ID)).isEqualTo("line-2");
        assertThat(FrameMetadata.text(headers, FrameHeaders.WIDTH)).isEqualTo("2048");
        assertThat(FrameMetadata.text(headers, FrameHeaders.HEIGHT)).isEqualTo("1080");
        assertThat(FrameMetadata.text(headers, FrameHeaders.PART_ID)).isEqualTo("P-2026-000917");
        assertThat(FrameMetadata.text(headers, FrameHeaders.GROUND_TRUTH)).isEqualTo("DEFECT");
        assertThat(FrameMetadata.text(headers, FrameHeaders.GROUND_TRUTH_REGIONS)).isEqualTo("10,20,30,40;500,600,7,8");
    }

    @Test
    void writingTwiceReplacesEarlierValues() {
        Headers headers = new RecordHeaders();
        FrameMetadata.of("cam-1", "line-1", 1, CAPTURED, ContentType.PNG).writeTo(headers);
        FrameMetadata.of("cam-1", "line-9", 2, CAPTURED, ContentType.JPEG).writeTo(headers);

        assertThat(headers.headers(FrameHeaders.SEQUENCE)).hasSize(1);
        assertThat(FrameMetadata.readFrom("cam-1", headers).lineId()).isEqualTo("line-9");
    }

    @Test
    void otherHeadersAreLeftAlone() {
        Headers headers = jpegHeaders();
        headers.add("traceparent", "00-abc".getBytes(StandardCharsets.UTF_8));

        assertThat(FrameMetadata.readFrom("cam-1", headers).sequence()).isEqualTo(5);
        assertThat(headers.lastHeader("traceparent")).isNotNull();
    }

    // missing-key

    @Test
    void noKeyIsMissingKey() {
        assertFault(null, jpegHeaders(), "missing-key").hasMessageContaining("camera id");
        assertFault("  ", jpegHeaders(), "missing-key");
    }

    // missing-header

    @ParameterizedTest
    @ValueSource(strings = {FrameHeaders.CONTENT_TYPE, FrameHeaders.CAPTURE_TIME, FrameHeaders.SEQUENCE, FrameHeaders.LINE_ID})
    void absentRequiredHeaderIsMissingHeader(String name) {
        Headers headers = jpegHeaders();
        headers.remove(name);

        assertFault("cam-1", headers, "missing-header").hasMessageContaining(name);
    }

    @Test
    void blankLineIsMissingHeader() {
        Headers headers = jpegHeaders();
        set(headers, FrameHeaders.LINE_ID, " ");

        assertFault("cam-1", headers, "missing-header").hasMessageContaining(FrameHeaders.LINE_ID);
    }

    @Test
    void rawFrameWithoutDimensionsIsMissingHeader() {
        Headers headers = jpegHeaders();
        set(headers, FrameHeaders.CONTENT_TYPE, "image/x-raw-mono8");

        assertFault("cam-1", headers, "missing-header").hasMessageContaining(FrameHeaders.WIDTH);
    }

    @Test
    void widthWithoutHeightIsMissingHeader() {
        Headers headers = jpegHeaders();
        set(headers, FrameHeaders.WIDTH, "640");

        assertFault("cam-1", headers, "missing-header").hasMessageContaining(FrameHeaders.HEIGHT);
    }

    // bad-header

    @Test
    void nonNumericCaptureTimeIsBadHeader() {
        Headers headers = jpegHeaders();
        set(headers, FrameHeaders.CAPTURE_TIME, "2026-03-01T08:15:30Z");

        assertFault("cam-1", headers, "bad-header").hasMessageContaining(FrameHeaders.CAPTURE_TIME).hasMessageContaining("integer");
    }

    @Test
    void negativeSequenceIsBadHeader() {
        Headers headers = jpegHeaders();
        set(headers, FrameHeaders.SEQUENCE, "-1");

        assertFault("cam-1", headers, "bad-header").hasMessageContaining(FrameHeaders.SEQUENCE);
    }

    @Test
    void nonNumericWidthIsBadHeader() {
        Headers headers = jpegHeaders();
        set(headers, FrameHeaders.WIDTH, "wide");
        set(headers, FrameHeaders.HEIGHT, "1080");

        assertFault("cam-1", headers, "bad-header").hasMessageContaining(FrameHeaders.WIDTH);
    }

    @Test
    void unknownGroundTruthIsBadHeader() {
        Headers headers = jpegHeaders();
        set(headers, FrameHeaders.GROUND_TRUTH, "MAYBE");

        assertFault("cam-1", headers, "bad-header").hasMessageContaining("MAYBE");
    }

    @Test
    void malformedRegionsAreBadHeader() {
        Headers headers = jpegHeaders();
        set(headers, FrameHeaders.GROUND_TRUTH, "DEFECT");
        set(headers, FrameHeaders.GROUND_TRUTH_REGIONS, "1,2,3");

        assertFault("cam-1", headers, "bad-header").hasMessageContaining("x,y,w,h");
    }

    @Test
    void nonNumericRegionIsBadHeader() {
        Headers headers = jpegHeaders();
        set(headers, FrameHeaders.GROUND_TRUTH, "DEFECT");
        set(headers, FrameHeaders.GROUND_TRUTH_REGIONS, "1,2,three,4");

        assertFault("cam-1", headers, "bad-header");
    }

    // unknown-content-type

    @Test
    void unsupportedMimeTypeIsUnknownContentType() {
        Headers headers = jpegHeaders();
        set(headers, FrameHeaders.CONTENT_TYPE, "image/gif");

        assertFault("cam-1", headers, "unknown-content-type").hasMessageContaining("image/gif");
    }

    @Test
    void mimeTypeIsCaseInsensitive() {
        Headers headers = jpegHeaders();
        set(headers, FrameHeaders.CONTENT_TYPE, "IMAGE/JPEG");

        assertThat(FrameMetadata.readFrom("cam-1", headers).contentType()).isEqualTo(ContentType.JPEG);
    }

    // absurd-dimensions

    @ParameterizedTest
    @ValueSource(strings = {"0x1080", "2048x0", "-5x10", "20000x1080", "2048x16385"})
    void dimensionsOutsideTheRangeAreAbsurd(String size) {
        String[] wh = size.split("x");
        Headers headers = jpegHeaders();
        set(headers, FrameHeaders.CONTENT_TYPE, "image/x-raw-bgr8");
        set(headers, FrameHeaders.WIDTH, wh[0]);
        set(headers, FrameHeaders.HEIGHT, wh[1]);

        assertFault("cam-1", headers, "absurd-dimensions").hasMessageContaining(wh[0] + "x" + wh[1]);
    }

    @Test
    void largestAcceptedSide() {
        Headers headers = jpegHeaders();
        set(headers, FrameHeaders.WIDTH, Integer.toString(FrameMetadata.MAX_SIDE));
        set(headers, FrameHeaders.HEIGHT, "1");

        assertThat(FrameMetadata.readFrom("cam-1", headers).width()).isEqualTo(FrameMetadata.MAX_SIDE);
    }
}

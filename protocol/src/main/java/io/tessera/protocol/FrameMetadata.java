package io.tessera.protocol;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Everything about a frame except its pixels: the record key (camera id) and the headers.
 * Parsing is strict and names the header at fault, because a frame with bad metadata must be
 * dead-lettered with a reason an integrator can act on.
 *
 * @param width  declared width, 0 when not declared
 * @param height declared height, 0 when not declared
 * @param partId null when the line does not track parts
 * @param groundTruth null when unknown (live camera)
 */
public record FrameMetadata(
        String cameraId,
        String lineId,
        long sequence,
        Instant captureTime,
        ContentType contentType,
        int width,
        int height,
        String partId,
        GroundTruth groundTruth,
        List<Region> groundTruthRegions) {

    /** Largest side accepted in a header; anything above is an absurd (or hostile) value. */
    public static final int MAX_SIDE = 16_384;

    public FrameMetadata {
        requireText(cameraId, "camera id (record key)");
        requireText(lineId, FrameHeaders.LINE_ID);
        Objects.requireNonNull(captureTime, FrameHeaders.CAPTURE_TIME);
        Objects.requireNonNull(contentType, FrameHeaders.CONTENT_TYPE);
        if (sequence < 0) {
            throw new IllegalArgumentException(FrameHeaders.SEQUENCE + " must be >= 0, got " + sequence);
        }
        if (width < 0 || height < 0 || width > MAX_SIDE || height > MAX_SIDE) {
            throw new IllegalArgumentException("dimensions must be within 1.." + MAX_SIDE + ", got " + width + "x" + height);
        }
        if (contentType.isRaw() && (width == 0 || height == 0)) {
            throw new IllegalArgumentException(contentType + " frames must declare " + FrameHeaders.WIDTH + " and " + FrameHeaders.HEIGHT);
        }
        groundTruthRegions = groundTruthRegions == null ? List.of() : List.copyOf(groundTruthRegions);
    }

    public static FrameMetadata of(String cameraId, String lineId, long sequence, Instant captureTime, ContentType contentType) {
        return new FrameMetadata(cameraId, lineId, sequence, captureTime, contentType, 0, 0, null, null, List.of());
    }

    public FrameMetadata withDimensions(int newWidth, int newHeight) {
        return new FrameMetadata(cameraId, lineId, sequence, captureTime, contentType, newWidth, newHeight, partId, groundTruth, groundTruthRegions);
    }

    public FrameMetadata withPartId(String newPartId) {
        return new FrameMetadata(cameraId, lineId, sequence, captureTime, contentType, width, height, newPartId, groundTruth, groundTruthRegions);
    }

    public FrameMetadata withGroundTruth(GroundTruth truth, List<Region> regions) {
        return new FrameMetadata(cameraId, lineId, sequence, captureTime, contentType, width, height, partId, truth, regions);
    }

    public FrameMetadata withContentType(ContentType newType) {
        return new FrameMetadata(cameraId, lineId, sequence, captureTime, newType, width, height, partId, groundTruth, groundTruthRegions);
    }

    public OptionalInt declaredWidth() {
        return width == 0 ? OptionalInt.empty() : OptionalInt.of(width);
    }

    public OptionalInt declaredHeight() {
        return height == 0 ? OptionalInt.empty() : OptionalInt.of(height);
    }

    public Optional<String> part() {
        return Optional.ofNullable(partId);
    }

    public Optional<GroundTruth> truth() {
        return Optional.ofNullable(groundTruth);
    }

    /** Bytes a raw frame of the declared size must have; -1 for encoded formats. */
    public long expectedRawBytes() {
        return contentType.isRaw() ? (long) width * height * contentType.channels() : -1;
    }

    /** Writes this metadata into record headers (replacing any earlier values). */
    public void writeTo(Headers headers) {
        put(headers, FrameHeaders.CONTENT_TYPE, contentType.mimeType());
        put(headers, FrameHeaders.CAPTURE_TIME, Long.toString(captureTime.toEpochMilli()));
        put(headers, FrameHeaders.SEQUENCE, Long.toString(sequence));
        put(headers, FrameHeaders.LINE_ID, lineId);
        if (width > 0) {
            put(headers, FrameHeaders.WIDTH, Integer.toString(width));
            put(headers, FrameHeaders.HEIGHT, Integer.toString(height));
        }
        if (partId != null) {
            put(headers, FrameHeaders.PART_ID, partId);
        }
        if (groundTruth != null) {
            put(headers, FrameHeaders.GROUND_TRUTH, groundTruth.name());
            if (!groundTruthRegions.isEmpty()) {
                put(headers, FrameHeaders.GROUND_TRUTH_REGIONS, Region.format(groundTruthRegions));
            }
        }
    }

    /**
     * Reads metadata from a frame record's key and headers.
     *
     * @throws FrameFormatException with reason {@code missing-header}, {@code bad-header},
     *     {@code unknown-content-type} or {@code absurd-dimensions}
     */
    public static FrameMetadata readFrom(String cameraId, Headers headers) {
        if (cameraId == null || cameraId.isBlank()) {
            throw new FrameFormatException("missing-key", "frame record has no key: the key must be the camera id");
        }
        String mime = required(headers, FrameHeaders.CONTENT_TYPE);
        ContentType type = ContentType.fromMimeType(mime).orElseThrow(() -> new FrameFormatException(
                "unknown-content-type", "unknown content type '" + mime + "' in header " + FrameHeaders.CONTENT_TYPE
                        + "; expected one of image/jpeg, image/png, image/bmp, image/x-raw-mono8, image/x-raw-bgr8"));
        long captureMs = parseLong(headers, FrameHeaders.CAPTURE_TIME, true);
        long seq = parseLong(headers, FrameHeaders.SEQUENCE, true);
        String line = required(headers, FrameHeaders.LINE_ID);
        long w = parseLong(headers, FrameHeaders.WIDTH, type.isRaw());
        long h = parseLong(headers, FrameHeaders.HEIGHT, type.isRaw());
        if ((w == -1) != (h == -1)) {
            throw new FrameFormatException("missing-header", "header " + (w == -1 ? FrameHeaders.WIDTH : FrameHeaders.HEIGHT)
                    + " is missing while the other dimension is given");
        }
        if (w != -1 && (w < 1 || h < 1 || w > MAX_SIDE || h > MAX_SIDE)) {
            throw new FrameFormatException("absurd-dimensions", "declared dimensions " + w + "x" + h
                    + " are outside 1.." + MAX_SIDE + " (headers " + FrameHeaders.WIDTH + ", " + FrameHeaders.HEIGHT + ")");
        }
        if (seq < 0) {
            throw new FrameFormatException("bad-header", "header " + FrameHeaders.SEQUENCE + " must be >= 0, got " + seq);
        }
        String part = text(headers, FrameHeaders.PART_ID);
        GroundTruth truth = null;
        List<Region> regions = List.of();
        String truthText = text(headers, FrameHeaders.GROUND_TRUTH);
        try {
            if (truthText != null) {
                truth = GroundTruth.parse(truthText);
                regions = Region.parseList(text(headers, FrameHeaders.GROUND_TRUTH_REGIONS));
            }
        } catch (IllegalArgumentException e) {
            throw new FrameFormatException("bad-header", "ground truth headers: " + e.getMessage(), e);
        }
        return new FrameMetadata(cameraId, line, seq, Instant.ofEpochMilli(captureMs), type,
                (int) Math.max(w, 0), (int) Math.max(h, 0), part, truth, regions);
    }

    private static String required(Headers headers, String name) {
        String value = text(headers, name);
        if (value == null || value.isBlank()) {
            throw new FrameFormatException("missing-header", "required header " + name + " is missing");
        }
        return value;
    }

    private static long parseLong(Headers headers, String name, boolean required) {
        String value = required ? required(headers, name) : text(headers, name);
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new FrameFormatException("bad-header", "header " + name + " must be an integer, got '" + value + "'");
        }
    }

    static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }
}

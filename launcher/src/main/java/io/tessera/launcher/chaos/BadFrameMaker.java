package io.tessera.launcher.chaos;

import io.tessera.protocol.ContentType;
import io.tessera.protocol.FrameHeaders;
import io.tessera.protocol.FrameMetadata;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Makes bad frames of every {@link BadFrameKind} from a small, valid donor JPEG. Each carries a
 * marker header with its id and kind, which dead letters keep, so the audit can tell an injected
 * bad frame from a good one and knows the reason to expect.
 */
public final class BadFrameMaker {
    /** Header on every injected bad frame: {@code <id>}; the app ignores headers it does not know. */
    public static final String MARKER_HEADER = "chaos.bad-frame";
    /** Sequence numbers of bad frames start here, far from any camera's own. */
    static final long FIRST_SEQUENCE = 1_000_000_000L;

    private final String cameraId;
    private final String lineId;
    private final int maxFrameBytes;
    private final byte[] donor;

    /**
     * @param cameraId      the camera whose stream (key, hence partition) the bad frames join
     * @param lineId        that camera's line
     * @param maxFrameBytes the app's frames.max-bytes: a too-large frame is one byte more
     */
    public BadFrameMaker(String cameraId, String lineId, int maxFrameBytes) {
        this.cameraId = cameraId;
        this.lineId = lineId;
        this.maxFrameBytes = maxFrameBytes;
        this.donor = donorJpeg();
    }

    /** The {@code index}-th bad frame of the run, of the given kind, captured at {@code capture}. */
    public BadFrame make(int index, BadFrameKind kind, Instant capture) {
        String id = "bad-" + index + "-" + kind.name().toLowerCase(Locale.ROOT);
        RecordHeaders headers = new RecordHeaders();
        FrameMetadata.of(cameraId, lineId, FIRST_SEQUENCE + index, capture, ContentType.JPEG).writeTo(headers);
        byte[] value = donor;
        String key = cameraId;
        switch (kind) {
            case CORRUPT_JPEG -> value = scrambled(donor);
            case TRUNCATED -> value = Arrays.copyOf(donor, donor.length / 2);
            case LYING_DIMENSIONS -> {
                put(headers, FrameHeaders.WIDTH, "2048");
                put(headers, FrameHeaders.HEIGHT, "1080");
            }
            case ABSURD_HEADER_DIMENSIONS -> {
                put(headers, FrameHeaders.WIDTH, "100000");
                put(headers, FrameHeaders.HEIGHT, "100000");
            }
            case ABSURD_IMAGE_DIMENSIONS -> value = withDeclaredSize(donor, 0xFFFF, 0xFFFF);
            case TOO_MANY_SCANS -> value = withExtraScans(donor, 200);
            case UNKNOWN_CONTENT_TYPE -> put(headers, FrameHeaders.CONTENT_TYPE, "image/gif");
            case MISSING_HEADER -> headers.remove(FrameHeaders.LINE_ID);
            case MISSING_KEY -> key = null;
            case BAD_HEADER -> put(headers, FrameHeaders.SEQUENCE, "seven");
            case BAD_CAPTURE_TIME -> put(headers, FrameHeaders.CAPTURE_TIME, "-5");
            case EMPTY -> value = new byte[0];
            case TOO_LARGE -> value = Arrays.copyOf(donor, maxFrameBytes + 1);
            default -> throw new IllegalArgumentException("unknown kind " + kind);
        }
        headers.add(MARKER_HEADER, id.getBytes(StandardCharsets.UTF_8));
        List<Header> list = new ArrayList<>(List.of(headers.toArray()));
        return new BadFrame(id, kind, key, list, value);
    }

    /** The kind named in a marker header value ({@code bad-<index>-<kind>}); null when it names none. */
    public static BadFrameKind kindOf(String markerValue) {
        if (markerValue == null) {
            return null;
        }
        int dash = markerValue.indexOf('-', "bad-".length());
        if (!markerValue.startsWith("bad-") || dash < 0) {
            return null;
        }
        try {
            return BadFrameKind.valueOf(markerValue.substring(dash + 1).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void put(RecordHeaders headers, String name, String value) {
        headers.remove(name);
        headers.add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }

    /** A small grey gradient as a baseline JPEG: a valid image the app would otherwise inspect. */
    static byte[] donorJpeg() {
        BufferedImage image = new BufferedImage(320, 200, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int v = (x + y) % 256;
                image.setRGB(x, y, (v << 16) | (v << 8) | v);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "jpg", out)) {
                throw new IllegalStateException("this JDK has no JPEG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Keeps SOI and EOI, scrambles everything in between: no frame header can be read. */
    private static byte[] scrambled(byte[] jpeg) {
        byte[] out = jpeg.clone();
        for (int i = 2; i < out.length - 2; i++) {
            out[i] = (byte) (i * 31 + 7);
        }
        return out;
    }

    /** The JPEG with its SOF0 frame header rewritten to declare another size. */
    static byte[] withDeclaredSize(byte[] jpeg, int width, int height) {
        byte[] out = jpeg.clone();
        for (int i = 2; i + 8 < out.length; i++) {
            if ((out[i] & 0xFF) == 0xFF && ((out[i + 1] & 0xFF) == 0xC0 || (out[i + 1] & 0xFF) == 0xC2)) {
                // FF C0, length (2), precision (1), height (2), width (2)
                out[i + 5] = (byte) (height >> 8);
                out[i + 6] = (byte) height;
                out[i + 7] = (byte) (width >> 8);
                out[i + 8] = (byte) width;
                return out;
            }
        }
        throw new IllegalStateException("the donor JPEG has no SOF0/SOF2 frame header");
    }

    /** The JPEG with {@code n} extra (empty) scans before its end marker. */
    static byte[] withExtraScans(byte[] jpeg, int n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, jpeg.length - 2);
        byte[] sos = {(byte) 0xFF, (byte) 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00, 0x00};
        for (int i = 0; i < n; i++) {
            out.write(sos, 0, sos.length);
        }
        out.write(0xFF);
        out.write(0xD9);
        return out.toByteArray();
    }
}

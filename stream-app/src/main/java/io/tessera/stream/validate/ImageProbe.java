package io.tessera.stream.validate;

import io.tessera.protocol.ContentType;
import io.tessera.protocol.FrameFormatException;

/**
 * Reads an encoded image's dimensions from its header bytes without decoding it, and checks
 * that the stream is complete. This is what lets the pipeline refuse a hostile image (a 60000 x
 * 60000 JPEG header on a few kilobytes) before the decoder allocates its pixels.
 */
public final class ImageProbe {
    private ImageProbe() {
    }

    /** Dimensions read from an image header. */
    public record Dimensions(int width, int height) {
    }

    /**
     * @throws FrameFormatException {@code corrupt-image} when the header is unreadable or does not
     *     match the content type, {@code truncated} when the stream ends early
     */
    public static Dimensions probe(ContentType type, byte[] bytes) {
        return switch (type) {
            case JPEG -> jpeg(bytes);
            case PNG -> png(bytes);
            case BMP -> bmp(bytes);
            default -> throw new IllegalArgumentException(type + " is not an encoded format");
        };
    }

    static Dimensions jpeg(byte[] b) {
        if (b.length < 4 || u8(b, 0) != 0xFF || u8(b, 1) != 0xD8) {
            throw corrupt("not a JPEG stream (no SOI marker)");
        }
        // A complete JPEG ends with EOI; libjpeg would otherwise fill the missing rows with grey
        // and classify a picture that was never taken. Some cameras and file systems pad the
        // stream with zero bytes after EOI; libjpeg ignores them, and so does this check.
        int end = b.length;
        while (end > 4 && b[end - 1] == 0) {
            end--;
        }
        if (u8(b, end - 2) != 0xFF || u8(b, end - 1) != 0xD9) {
            throw new FrameFormatException("truncated", "JPEG stream of " + b.length + " bytes does not end with an EOI marker");
        }
        int i = 2;
        while (i + 4 <= b.length) {
            if (u8(b, i) != 0xFF) {
                throw corrupt("JPEG marker expected at byte " + i);
            }
            int marker = u8(b, i + 1);
            if (marker == 0xFF) { // fill byte
                i++;
                continue;
            }
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                i += 2;
                continue;
            }
            if (marker == 0xD9 || marker == 0xDA) {
                throw corrupt("JPEG has no frame header (SOF) before its scan data");
            }
            int length = u16(b, i + 2);
            if (length < 2) {
                throw corrupt("JPEG segment at byte " + i + " has length " + length);
            }
            boolean sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (sof) {
                if (i + 9 > b.length) {
                    throw new FrameFormatException("truncated", "JPEG frame header is cut off");
                }
                int height = u16(b, i + 5);
                int width = u16(b, i + 7);
                if (width == 0 || height == 0) {
                    throw corrupt("JPEG frame header declares " + width + "x" + height);
                }
                requireFewScans(b, i, end);
                return new Dimensions(width, height);
            }
            i += 2 + length;
        }
        throw new FrameFormatException("truncated", "JPEG stream ends before its frame header");
    }

    /**
     * A progressive JPEG is decoded once per scan; a hostile one with thousands of tiny scans
     * under the size limit keeps a stream thread busy past the transaction timeout, and the
     * aborted transaction brings the same frame back forever. Cameras write one scan (baseline)
     * or about ten (progressive); {@value #MAX_JPEG_SCANS} is far above either.
     */
    static final int MAX_JPEG_SCANS = 64;

    private static void requireFewScans(byte[] b, int from, int end) {
        // Inside entropy-coded data a 0xFF byte is followed by 0x00 (stuffing) or a restart
        // marker, so every 0xFF 0xDA pair is a real start-of-scan.
        int scans = 0;
        for (int j = from; j + 1 < end; j++) {
            if (b[j] == (byte) 0xFF && b[j + 1] == (byte) 0xDA && ++scans > MAX_JPEG_SCANS) {
                throw new FrameFormatException("too-many-scans", "JPEG has more than " + MAX_JPEG_SCANS
                        + " scans; decoding it would hold a stream thread for too long");
            }
        }
    }

    static Dimensions png(byte[] b) {
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        if (b.length < 33) {
            throw new FrameFormatException("truncated", "PNG stream of " + b.length + " bytes is shorter than its header");
        }
        for (int i = 0; i < signature.length; i++) {
            if (b[i] != signature[i]) {
                throw corrupt("not a PNG stream (bad signature)");
            }
        }
        if (b[12] != 'I' || b[13] != 'H' || b[14] != 'D' || b[15] != 'R') {
            throw corrupt("PNG does not start with an IHDR chunk");
        }
        long width = u32(b, 16);
        long height = u32(b, 20);
        // The last chunk of a complete PNG is IEND: length 0, "IEND", CRC.
        int end = b.length - 8;
        if (b.length < 45 || b[end] != 'I' || b[end + 1] != 'E' || b[end + 2] != 'N' || b[end + 3] != 'D') {
            throw new FrameFormatException("truncated", "PNG stream of " + b.length + " bytes does not end with an IEND chunk");
        }
        return dims(width, height);
    }

    static Dimensions bmp(byte[] b) {
        if (b.length < 26 || b[0] != 'B' || b[1] != 'M') {
            throw corrupt("not a BMP stream (no BM signature)");
        }
        long fileSize = u32le(b, 2);
        if (fileSize > b.length) {
            throw new FrameFormatException("truncated", "BMP declares " + fileSize + " bytes, got " + b.length);
        }
        long width = (int) u32le(b, 18);
        long height = Math.abs((long) (int) u32le(b, 22)); // negative height: top-down rows
        return dims(width, height);
    }

    private static Dimensions dims(long width, long height) {
        if (width <= 0 || height <= 0 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            throw new FrameFormatException("absurd-dimensions", "image header declares " + width + "x" + height);
        }
        return new Dimensions((int) width, (int) height);
    }

    private static FrameFormatException corrupt(String message) {
        return new FrameFormatException("corrupt-image", message);
    }

    private static int u8(byte[] b, int i) {
        return b[i] & 0xFF;
    }

    private static int u16(byte[] b, int i) {
        return (u8(b, i) << 8) | u8(b, i + 1);
    }

    private static long u32(byte[] b, int i) {
        return ((long) u16(b, i) << 16) | u16(b, i + 2);
    }

    private static long u32le(byte[] b, int i) {
        return u8(b, i) | (u8(b, i + 1) << 8) | (u8(b, i + 2) << 16) | ((long) u8(b, i + 3) << 24);
    }
}

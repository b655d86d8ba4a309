package io.tessera.stream.validate;

import io.tessera.protocol.ContentType;
import io.tessera.protocol.FrameFormatException;
import io.tessera.protocol.FrameMetadata;
import java.time.Clock;
import org.apache.kafka.common.header.Headers;

/**
 * Everything checked about a frame before a single pixel is decoded: key and headers, content
 * type, size in bytes, and the dimensions the image itself declares. Each failure carries a
 * reason code that ends up on the dead-letter record and in the metrics.
 *
 * <p>Reason codes: {@code missing-key}, {@code missing-header}, {@code bad-header},
 * {@code unknown-content-type}, {@code absurd-dimensions}, {@code empty-frame},
 * {@code too-large}, {@code truncated}, {@code corrupt-image}, {@code dimension-mismatch},
 * {@code too-many-scans}.
 */
public final class FrameValidator {
    private final int maxFrameBytes;
    private final long maxPixels;
    private final CaptureWindow captureWindow;
    private final Clock clock;

    /**
     * @param maxFrameBytes largest frame accepted (setting frames.max-bytes)
     * @param maxPixels     largest image accepted, width x height (setting frames.max-pixels): the
     *                      decoder allocates 3 bytes per pixel
     * @param captureWindow the capture times accepted, relative to {@code clock}
     */
    public FrameValidator(int maxFrameBytes, long maxPixels, CaptureWindow captureWindow, Clock clock) {
        this.maxFrameBytes = maxFrameBytes;
        this.maxPixels = maxPixels;
        this.captureWindow = captureWindow;
        this.clock = clock;
    }

    /** A frame that passed: its metadata and the dimensions it will decode to. */
    public record ValidFrame(FrameMetadata metadata, int width, int height) {
    }

    public ValidFrame validate(String key, Headers headers, byte[] bytes) {
        FrameMetadata meta = FrameMetadata.readFrom(key, headers);
        captureWindow.check(meta.captureTime(), clock.instant());
        if (bytes == null || bytes.length == 0) {
            throw new FrameFormatException("empty-frame", "frame has no image bytes");
        }
        if (bytes.length > maxFrameBytes) {
            throw new FrameFormatException("too-large", "frame of " + bytes.length + " bytes exceeds frames.max-bytes ("
                    + maxFrameBytes + ")");
        }
        ContentType type = meta.contentType();
        if (type.isRaw()) {
            if ((long) meta.width() * meta.height() > maxPixels) {
                throw new FrameFormatException("absurd-dimensions", "headers declare " + meta.width() + "x" + meta.height()
                        + " pixels, above frames.max-pixels (" + maxPixels + ")");
            }
            long expected = meta.expectedRawBytes();
            if (bytes.length < expected) {
                throw new FrameFormatException("truncated", type + " frame of " + meta.width() + "x" + meta.height()
                        + " needs " + expected + " bytes, got " + bytes.length);
            }
            if (bytes.length > expected) {
                throw new FrameFormatException("dimension-mismatch", type + " frame of " + meta.width() + "x" + meta.height()
                        + " needs " + expected + " bytes, got " + bytes.length + " (headers tessera.width/height wrong?)");
            }
            return new ValidFrame(meta, meta.width(), meta.height());
        }
        ImageProbe.Dimensions dims = ImageProbe.probe(type, bytes);
        if (dims.width() > FrameMetadata.MAX_SIDE || dims.height() > FrameMetadata.MAX_SIDE
                || (long) dims.width() * dims.height() > maxPixels) {
            throw new FrameFormatException("absurd-dimensions", "image declares " + dims.width() + "x" + dims.height()
                    + " pixels, above the limit of " + FrameMetadata.MAX_SIDE + " per side or frames.max-pixels ("
                    + maxPixels + ")");
        }
        if (meta.width() > 0 && (meta.width() != dims.width() || meta.height() != dims.height())) {
            throw new FrameFormatException("dimension-mismatch", "headers declare " + meta.width() + "x" + meta.height()
                    + " but the image is " + dims.width() + "x" + dims.height());
        }
        return new ValidFrame(meta, dims.width(), dims.height());
    }
}

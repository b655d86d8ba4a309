package io.tessera.protocol;

import java.util.Arrays;
import java.util.Optional;

/**
 * How a frame's bytes are encoded. Raw formats carry no dimensions of their own, so frames in
 * those formats must declare width and height in their headers.
 */
public enum ContentType {
    JPEG("image/jpeg", false, 0),
    PNG("image/png", false, 0),
    BMP("image/bmp", false, 0),
    /** 8-bit grayscale, row-major, no padding. */
    MONO8("image/x-raw-mono8", true, 1),
    /** 8-bit BGR interleaved (OpenCV's native order), row-major, no padding. */
    BGR8("image/x-raw-bgr8", true, 3);

    private final String mimeType;
    private final boolean raw;
    private final int channels;

    ContentType(String mimeType, boolean raw, int channels) {
        this.mimeType = mimeType;
        this.raw = raw;
        this.channels = channels;
    }

    public String mimeType() {
        return mimeType;
    }

    /** True for uncompressed pixel formats whose size follows from width, height and channels. */
    public boolean isRaw() {
        return raw;
    }

    /** Channels of a raw format; 0 for encoded formats. */
    public int channels() {
        return channels;
    }

    public static Optional<ContentType> fromMimeType(String mimeType) {
        return Arrays.stream(values()).filter(c -> c.mimeType.equalsIgnoreCase(mimeType)).findFirst();
    }

    @Override
    public String toString() {
        return mimeType;
    }
}

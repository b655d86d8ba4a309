package io.tessera.ingest.source;

import io.tessera.protocol.ContentType;
import java.util.Locale;

/** How frames are encoded on the wire: {@code --format}. */
public enum OutputFormat {
    /** JPEG at the configured quality; JPEG inputs pass through untouched unless re-encoding is asked for. */
    JPEG(ContentType.JPEG),
    /** Lossless PNG (large and slow to encode: for tests of exact pixels). */
    PNG(ContentType.PNG),
    /** Raw 8-bit grayscale, width and height in headers. */
    MONO8(ContentType.MONO8),
    /** Raw 8-bit BGR, width and height in headers (a 2K frame is 6.6 MB). */
    BGR8(ContentType.BGR8);

    private final ContentType contentType;

    OutputFormat(ContentType contentType) {
        this.contentType = contentType;
    }

    public ContentType contentType() {
        return contentType;
    }

    public static OutputFormat parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("format must be one of jpeg, png, mono8, bgr8; got '" + text + "'");
        }
    }
}

package io.tessera.launcher.chaos;

/**
 * The kinds of bad frame a chaos run mixes into a camera's stream, each with the dead-letter
 * reason the inspect app must give it (stream-app/README.md lists the reasons).
 */
public enum BadFrameKind {
    CORRUPT_JPEG("corrupt-image", "JPEG whose bytes between SOI and EOI are scrambled"),
    TRUNCATED("truncated", "JPEG cut in half, no end marker"),
    LYING_DIMENSIONS("dimension-mismatch", "headers declare 2048x1080, the image is smaller"),
    ABSURD_HEADER_DIMENSIONS("absurd-dimensions", "headers declare 100000x100000"),
    ABSURD_IMAGE_DIMENSIONS("absurd-dimensions", "the JPEG's own frame header declares 65535x65535"),
    TOO_MANY_SCANS("too-many-scans", "JPEG with 200 extra scans, the shape of a scan bomb"),
    UNKNOWN_CONTENT_TYPE("unknown-content-type", "content type image/gif"),
    MISSING_HEADER("missing-header", "no tessera.line header"),
    MISSING_KEY("missing-key", "record without a key (camera id)"),
    BAD_HEADER("bad-header", "tessera.seq is not a number"),
    BAD_CAPTURE_TIME("bad-header", "tessera.capture-ms before 1970"),
    EMPTY("empty-frame", "no bytes at all"),
    TOO_LARGE("too-large", "one byte more than frames.max-bytes");

    private final String reason;
    private final String description;

    BadFrameKind(String reason, String description) {
        this.reason = reason;
        this.description = description;
    }

    /** The {@code tessera.dlq.reason} the app must give this frame. */
    public String reason() {
        return reason;
    }

    public String description() {
        return description;
    }
}

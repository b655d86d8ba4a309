package io.tessera.ingest.video;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code --video} names: a camera device index ({@code 0} = /dev/video0), a stream URL
 * ({@code rtsp://...}, {@code http://...}) or a video file.
 */
public record VideoInput(Kind kind, String spec) {
    public enum Kind { DEVICE, STREAM, FILE }

    public static VideoInput parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("--video must name a device index, a stream URL or a video file");
        }
        String s = spec.trim();
        if (s.matches("\\d{1,3}")) {
            return new VideoInput(Kind.DEVICE, s);
        }
        if (s.matches("[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
            return new VideoInput(Kind.STREAM, s);
        }
        if (!Files.isRegularFile(Path.of(s))) {
            throw new IllegalArgumentException("--video " + s + ": no such file (nor a device index or a URL)");
        }
        return new VideoInput(Kind.FILE, s);
    }

    /** Live inputs reconnect when they drop; a file simply ends. */
    public boolean live() {
        return kind != Kind.FILE;
    }

    public int deviceIndex() {
        return Integer.parseInt(spec);
    }
}

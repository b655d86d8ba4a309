package io.tessera.stream.validate;

import io.tessera.protocol.FrameFormatException;
import io.tessera.protocol.FrameHeaders;
import java.time.Duration;
import java.time.Instant;

/**
 * The capture times a frame may carry, relative to now: at most {@code maxAge} in the past
 * (settings frames.capture-max-age-days) and {@code maxAhead} in the future
 * (frames.capture-max-ahead-ms). A capture time outside it is a broken header, not a late frame:
 * without this check a value centuries away overflows the deadline arithmetic, and a clock far
 * ahead would make every frame of that camera look in time forever.
 */
public record CaptureWindow(Duration maxAge, Duration maxAhead) {

    /** Ten years back (old recordings replay as they were captured), five minutes ahead (clock skew). */
    public static final CaptureWindow DEFAULT = new CaptureWindow(Duration.ofDays(3650), Duration.ofMinutes(5));

    public CaptureWindow {
        if (maxAge.isNegative() || maxAhead.isNegative()) {
            throw new IllegalArgumentException("capture window bounds must be >= 0");
        }
    }

    /** @throws FrameFormatException with reason {@code bad-header} when {@code capture} is outside the window */
    public void check(Instant capture, Instant now) {
        if (capture.toEpochMilli() < 0) {
            throw new FrameFormatException("bad-header", "header " + FrameHeaders.CAPTURE_TIME + " is before 1970: "
                    + capture.toEpochMilli());
        }
        if (capture.isBefore(now.minus(maxAge))) {
            throw new FrameFormatException("bad-header", "header " + FrameHeaders.CAPTURE_TIME + " (" + capture
                    + ") is more than " + maxAge.toDays() + " days old (setting frames.capture-max-age-days)");
        }
        if (capture.isAfter(now.plus(maxAhead))) {
            throw new FrameFormatException("bad-header", "header " + FrameHeaders.CAPTURE_TIME + " (" + capture
                    + ") is more than " + maxAhead.toMillis() + " ms ahead of this host's clock"
                    + " (setting frames.capture-max-ahead-ms)");
        }
    }
}

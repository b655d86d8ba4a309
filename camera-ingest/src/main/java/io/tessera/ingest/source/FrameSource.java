package io.tessera.ingest.source;

import io.tessera.ingest.CapturedFrame;
import java.io.IOException;
import java.util.Optional;

/**
 * Where frames come from: the line simulator, a folder of images, a recording, or an OpenCV
 * video capture. A source only produces frames; pacing and publishing are the
 * {@link io.tessera.ingest.publish.FramePublisher}'s job. Not thread-safe: one publisher drives
 * one source.
 */
public interface FrameSource extends AutoCloseable {

    /**
     * The next frame, or empty when the source has no more (end of a folder pass without loop,
     * end of a recording or video file). A live camera blocks until it delivers.
     */
    Optional<CapturedFrame> next() throws IOException, InterruptedException;

    /** What this source reads, for logs and the status line, e.g. {@code sim cam-1@line-1}. */
    String describe();

    /** Inputs that could not be used (unreadable images), each logged with its path when it happened. */
    default long skippedInputs() {
        return 0;
    }

    /** Times a live source had to reconnect after it dropped. */
    default long reconnects() {
        return 0;
    }

    /**
     * True when frames should get the publisher's send time as capture time: synthetic sources
     * (simulator, folder) have no shutter of their own, so the scheduled send instant plays
     * that part. Recordings and live cameras keep theirs.
     */
    default boolean stampCaptureTime() {
        return false;
    }

    @Override
    void close();
}

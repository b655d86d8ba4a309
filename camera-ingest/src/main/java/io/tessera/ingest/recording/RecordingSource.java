package io.tessera.ingest.recording;

import io.tessera.ingest.CapturedFrame;
import io.tessera.ingest.source.FrameSource;
import java.io.IOException;
import java.util.Optional;

/**
 * Frames of a recording, in recording order, exactly as recorded (key, headers, value). Pace
 * them with {@link io.tessera.ingest.publish.Pace#asRecorded(double)} for the original timing.
 * With {@code restamp}, each frame's capture time becomes its replay send time (for latency
 * measurements downstream); otherwise headers are untouched.
 */
public final class RecordingSource implements FrameSource {
    private final RecordingReader reader;
    private final boolean restamp;
    private int next;

    public RecordingSource(RecordingReader reader, boolean restamp) {
        this.reader = reader;
        this.restamp = restamp;
    }

    @Override
    public Optional<CapturedFrame> next() throws IOException {
        if (next >= reader.size()) {
            return Optional.empty();
        }
        return Optional.of(reader.read(next++).frame());
    }

    @Override
    public String describe() {
        return "recording " + reader.dir().getFileName();
    }

    @Override
    public boolean stampCaptureTime() {
        return restamp;
    }

    @Override
    public void close() {
        // nothing held open between frames
    }
}

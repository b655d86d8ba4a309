package io.tessera.launcher.compare;

import io.tessera.ingest.CapturedFrame;
import io.tessera.ingest.recording.RecordingReader;
import io.tessera.stream.inspect.FrameInspection;
import io.tessera.stream.inspect.Outcome;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Replays every frame of a recording through two inspections, the baseline's and the
 * candidate's, one frame at a time: key, headers and bytes exactly as recorded, as the inspect
 * app would have read them from the frames topic.
 */
public final class RecordingComparer {

    /** Told after each frame, for a progress line. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (done, total) -> { };

        void frameDone(int done, int total);
    }

    private final FrameInspection a;
    private final FrameInspection b;

    public RecordingComparer(FrameInspection a, FrameInspection b) {
        this.a = a;
        this.b = b;
    }

    /**
     * @throws IOException naming the file when a frame of the recording is damaged
     */
    public List<FramePair> replay(RecordingReader recording, Progress progress) throws IOException, InterruptedException {
        List<FramePair> pairs = new ArrayList<>(recording.size());
        for (int i = 0; i < recording.size(); i++) {
            CapturedFrame frame = recording.read(i).frame();
            // Each side gets its own headers object: an inspection may read them, never shares them.
            Outcome first = a.inspect(frame.key(), new RecordHeaders(frame.headers()), frame.value());
            Outcome second = b.inspect(frame.key(), new RecordHeaders(frame.headers()), frame.value());
            pairs.add(new FramePair(i, frame.key(), first, second));
            progress.frameDone(i + 1, recording.size());
        }
        return pairs;
    }
}

package io.tessera.launcher.demo;

import io.tessera.gate.sim.ShiftRegister;
import io.tessera.ingest.CapturedFrame;
import io.tessera.ingest.publish.FrameSink;
import io.tessera.protocol.FrameMetadata;
import java.time.Duration;
import java.util.Map;

/**
 * Wraps the cameras' sink: each frame sent puts its part, with its ground truth, on the belt of its
 * line's simulated PLC, due at the reject gate at capture time plus the reject window. This is what
 * a real PLC learns from its trigger sensor and encoder. Frames of lines without a PLC pass as they are.
 */
public final class PartTrackingSink implements FrameSink {
    private final FrameSink sink;
    private final Map<String, ShiftRegister> belts;
    private final Duration rejectWindow;

    /** @param belts each line's shift register, by line id */
    public PartTrackingSink(FrameSink sink, Map<String, ShiftRegister> belts, Duration rejectWindow) {
        this.sink = sink;
        this.belts = Map.copyOf(belts);
        this.rejectWindow = rejectWindow;
    }

    @Override
    public void send(CapturedFrame frame, Callback callback) {
        FrameMetadata m = frame.metadata();
        ShiftRegister belt = belts.get(m.lineId());
        if (belt != null) {
            belt.partEntered(m.sequence(), m.truth().orElse(null), m.captureTime().plus(rejectWindow));
        }
        sink.send(frame, callback);
    }

    @Override
    public void flush() {
        sink.flush();
    }

    @Override
    public String describe() {
        return sink.describe();
    }

    @Override
    public void close() {
        // the wrapped sink is closed by whoever opened it
    }
}

package io.tessera.ingest;

import io.tessera.protocol.ContentType;
import io.tessera.protocol.FrameMetadata;
import io.tessera.protocol.GroundTruth;
import io.tessera.protocol.Region;
import java.time.Instant;
import java.util.List;

/** Small frames for unit tests that do not care about pixels. */
public final class TinyFrames {
    private TinyFrames() {
    }

    public static CapturedFrame frame(long seq, Instant at) {
        FrameMetadata m = new FrameMetadata("cam-1", "line-1", seq, at, ContentType.JPEG, 0, 0, "p-" + seq,
                seq % 2 == 0 ? GroundTruth.OK : GroundTruth.DEFECT, seq % 2 == 0 ? List.of() : List.of(new Region(1, 2, 3, 4)));
        return CapturedFrame.of(m, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) seq, (byte) 0xFF, (byte) 0xD9});
    }
}

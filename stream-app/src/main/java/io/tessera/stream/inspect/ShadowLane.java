package io.tessera.stream.inspect;

import io.tessera.protocol.FrameMetadata;
import io.tessera.protocol.Verdict;

/** Where a decided frame's tiles go to be scored again by a shadow model; never blocks the frame. */
@FunctionalInterface
public interface ShadowLane {
    ShadowLane NONE = (live, meta, tiles, verdict) -> { };

    /** The frame was decided by {@code live} from {@code tiles}; the lane may score them again, or skip. */
    void offer(ServingModel live, FrameMetadata meta, TiledFrame tiles, Verdict liveVerdict);
}

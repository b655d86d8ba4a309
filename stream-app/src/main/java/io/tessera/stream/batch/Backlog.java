package io.tessera.stream.batch;

import java.time.Duration;

/**
 * What a request made now would wait for in the batcher.
 *
 * @param queuedTiles    tiles waiting for the model
 * @param queuedRequests requests (frames) those tiles belong to
 * @param runningTiles   tiles in the model call running now (0: none)
 * @param runningFor     how long that call has run
 */
public record Backlog(int queuedTiles, int queuedRequests, int runningTiles, Duration runningFor) {
    public static final Backlog IDLE = new Backlog(0, 0, 0, Duration.ZERO);

    public boolean idle() {
        return queuedTiles == 0 && runningTiles == 0;
    }
}

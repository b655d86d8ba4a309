package io.tessera.stream.config;

import java.time.Duration;

/**
 * The shared dynamic batcher's limits.
 *
 * @param maxSize          most tiles in one model call
 * @param maxWait          longest the first tile of a batch waits for more tiles
 * @param timeout          longest a caller waits for scores when its frame has no deadline
 * @param minEfficientSize a batch holding at least this many tiles runs at once: more tiles would
 *                         not raise throughput (on a CPU one frame's tiles already keep every
 *                         core busy), only delay the frames already in it; at most {@code maxSize}
 * @param maxQueuedTiles   most tiles waiting for the model; a frame that would exceed it gets
 *                         UNKNOWN {@code overloaded} at once (a lone frame is always taken); at
 *                         least {@code maxSize}
 * @param maxRestarts      restarts of a failed batcher worker without a successful model call in
 *                         between; past them the app shuts down
 * @param restartBackoff   wait before the first restart; doubled for each further one
 */
public record BatchSettings(int maxSize, Duration maxWait, Duration timeout, int minEfficientSize, int maxQueuedTiles,
        int maxRestarts, Duration restartBackoff) {
    /** Restarts of a failed worker by default. */
    public static final int DEFAULT_MAX_RESTARTS = 5;
    /** Wait before the first restart by default. */
    public static final Duration DEFAULT_RESTART_BACKOFF = Duration.ofMillis(500);

    public BatchSettings {
        if (maxSize < 1) {
            throw new ConfigException("batch.max-size", "must be >= 1, got " + maxSize);
        }
        if (maxWait.isNegative()) {
            throw new ConfigException("batch.max-wait-ms", "must be >= 0, got " + maxWait.toMillis());
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new ConfigException("batch.timeout-ms", "must be > 0, got " + timeout.toMillis());
        }
        if (minEfficientSize < 1) {
            throw new ConfigException("batch.min-efficient-size", "must be >= 1, got " + minEfficientSize);
        }
        if (maxQueuedTiles < 1) {
            throw new ConfigException("batch.max-queued-tiles", "must be >= 1, got " + maxQueuedTiles);
        }
        // A batch cannot hold more than batch.max-size, and a queue smaller than one batch could never fill one.
        minEfficientSize = Math.min(minEfficientSize, maxSize);
        maxQueuedTiles = Math.max(maxQueuedTiles, maxSize);
        if (maxRestarts < 0) {
            throw new ConfigException("batch.worker-max-restarts", "must be >= 0, got " + maxRestarts);
        }
        if (restartBackoff.isNegative()) {
            throw new ConfigException("batch.worker-restart-backoff-ms", "must be >= 0, got " + restartBackoff.toMillis());
        }
    }

    /**
     * Limits with the other settings at their defaults: batches always fill with what is queued
     * (minimum efficient size = maximum size), a queue of 16 batches.
     */
    public BatchSettings(int maxSize, Duration maxWait, Duration timeout) {
        this(maxSize, maxWait, timeout, maxSize, maxSize * 16, DEFAULT_MAX_RESTARTS, DEFAULT_RESTART_BACKOFF);
    }
}

package io.tessera.stream.config;

import java.time.Duration;

/**
 * The shared dynamic batcher's limits.
 *
 * @param maxSize most tiles in one model call
 * @param maxWait longest the first tile of a batch waits for more tiles
 * @param timeout longest a caller waits for scores when its frame has no deadline
 */
public record BatchSettings(int maxSize, Duration maxWait, Duration timeout) {
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
    }
}

package io.tessera.ingest.video;

import java.time.Duration;

/**
 * Reconnection delays: {@code initial}, doubling up to {@code max}; give up after
 * {@code maxAttempts} failed attempts in a row (0 = never give up).
 */
public record Backoff(Duration initial, Duration max, int maxAttempts) {
    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("back-off must have 0 < initial <= max, got " + initial + " and " + max);
        }
        if (maxAttempts < 0) {
            throw new IllegalArgumentException("reconnect attempts must be >= 0, got " + maxAttempts);
        }
    }

    public static Backoff defaults() {
        return new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), 0);
    }

    /** Delay before attempt {@code n} (from 0). */
    public Duration delay(int attempt) {
        Duration d = initial;
        for (int i = 0; i < attempt && d.compareTo(max) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(max) > 0 ? max : d;
    }

    public boolean exhausted(int attempts) {
        return maxAttempts > 0 && attempts >= maxAttempts;
    }
}

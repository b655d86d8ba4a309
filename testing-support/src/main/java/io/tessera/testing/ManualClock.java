package io.tessera.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves only when the test moves it, for wall-clock time ({@link #instant()}) and for
 * measured durations alike: {@code clock::nanoTime} serves where code takes a nanosecond ticker.
 * Both advance together, so a duration measured with one agrees with the other. Thread-safe.
 */
public final class ManualClock extends Clock {
    private final Instant start;
    private final AtomicLong elapsedNanos = new AtomicLong();

    public ManualClock(Instant start) {
        this.start = start;
    }

    /** Starts at an arbitrary fixed instant, for tests that only measure durations. */
    public ManualClock() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    public void advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("a clock does not go back: " + d);
        }
        elapsedNanos.addAndGet(d.toNanos());
    }

    public void advanceMillis(long millis) {
        advance(Duration.ofMillis(millis));
    }

    /** Nanoseconds since this clock was made; only differences mean anything, as with {@link System#nanoTime()}. */
    public long nanoTime() {
        return elapsedNanos.get();
    }

    @Override
    public Instant instant() {
        return start.plusNanos(elapsedNanos.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a manual clock is UTC");
    }
}

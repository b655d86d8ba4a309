package io.tessera.kafka.local;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** A point in time after which a wait gives up; the clock is injected so waits are testable. */
record Deadline(Clock clock, Instant at) {

    static Deadline after(Clock clock, Duration timeout) {
        return new Deadline(clock, clock.instant().plus(timeout));
    }

    boolean passed() {
        return !clock.instant().isBefore(at);
    }

    Duration remaining() {
        Duration left = Duration.between(clock.instant(), at);
        return left.isNegative() ? Duration.ZERO : left;
    }
}

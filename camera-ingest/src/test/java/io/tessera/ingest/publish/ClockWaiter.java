package io.tessera.ingest.publish;

import io.tessera.testing.ManualClock;
import java.time.Duration;

/** A {@link Waiter} for tests: it "sleeps" by advancing a manual clock, so no test waits for real. */
public final class ClockWaiter implements Waiter {
    private final ManualClock clock;

    private ClockWaiter(ManualClock clock) {
        this.clock = clock;
    }

    public static Waiter advancing(ManualClock clock) {
        return new ClockWaiter(clock);
    }

    @Override
    public void await(Duration duration) {
        clock.advance(duration);
    }

    @Override
    public void wake() {
        // nothing waits for real
    }
}

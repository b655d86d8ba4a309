package io.tessera.ingest.publish;

import java.time.Duration;

/**
 * Waits for a while unless woken. The publisher waits through this rather than
 * {@code Thread.sleep}, so that stopping it is immediate and tests can drive time with a
 * manual clock (their waiter advances the clock instead of sleeping).
 */
public interface Waiter {

    /** Waits up to {@code duration}; may return early, in particular after {@link #wake()}. */
    void await(Duration duration) throws InterruptedException;

    /** Ends any wait in progress now. */
    void wake();

    /** A real waiter on a monitor. */
    static Waiter system() {
        return new MonitorWaiter();
    }

    /** A monitor-based waiter: {@link #wake()} ends the waits in progress. */
    final class MonitorWaiter implements Waiter {
        private final Object lock = new Object();

        @Override
        public void await(Duration duration) throws InterruptedException {
            long nanos = duration.toNanos();
            if (nanos <= 0) {
                return;
            }
            synchronized (lock) {
                lock.wait(nanos / 1_000_000, (int) (nanos % 1_000_000));
            }
        }

        @Override
        public void wake() {
            synchronized (lock) {
                lock.notifyAll();
            }
        }
    }
}

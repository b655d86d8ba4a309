package io.tessera.gate.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Waits for Ctrl-C (the JVM's shutdown) and then holds the shutdown until {@link #close()}, so that
 * resources closed before it (the gate's last commit) finish first.
 */
final class UntilInterrupted implements AutoCloseable {
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook;

    private UntilInterrupted() {
        hook = new Thread(() -> {
            stop.countDown();
            try {
                done.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "gate-shutdown");
    }

    static UntilInterrupted install() {
        UntilInterrupted u = new UntilInterrupted();
        Runtime.getRuntime().addShutdownHook(u.hook);
        return u;
    }

    /** Blocks until Ctrl-C, running {@code status} every {@code everySeconds} (never when 0). */
    void await(int everySeconds, Runnable status) throws InterruptedException {
        while (!stop.await(everySeconds > 0 ? everySeconds : 3600, TimeUnit.SECONDS)) {
            if (everySeconds > 0) {
                status.run();
            }
        }
    }

    @Override
    public void close() {
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down already: the hook is running and now lets it go on
        }
    }
}

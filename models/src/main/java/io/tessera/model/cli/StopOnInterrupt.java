package io.tessera.model.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Turns Ctrl-C (SIGINT, SIGTERM: the JVM's shutdown) into a stop request that a long run polls
 * between steps, and holds the shutdown until the run has saved its checkpoint and closed its
 * TensorFlow session ({@link #close()}). Without it the JVM tears down while TensorFlow's threads
 * are inside a training step and dies in native code, and the steps since the last checkpoint are
 * lost.
 */
final class StopOnInterrupt implements BooleanSupplier, AutoCloseable {
    /** A command's exit code when stopped: 128 + SIGINT's number, as a shell reports Ctrl-C. */
    static final int EXIT_CODE = 130;

    /** Longer than a training step and a checkpoint, or scoring one image, on a slow CPU. */
    static final long HOLD_SECONDS = 90;

    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;
    private final long holdSeconds;

    StopOnInterrupt(long holdSeconds) {
        this.holdSeconds = holdSeconds;
        this.hook = new Thread(this::onShutdown, "stop-on-interrupt");
    }

    static StopOnInterrupt install() {
        StopOnInterrupt stop = new StopOnInterrupt(HOLD_SECONDS);
        Runtime.getRuntime().addShutdownHook(stop.hook);
        return stop;
    }

    /** What the shutdown hook runs: ask the run to stop, then wait until it has. */
    void onShutdown() {
        System.out.println("stopping after the step in progress (a checkpoint is saved; the same command resumes)");
        requested.countDown();
        try {
            if (!finished.await(holdSeconds, TimeUnit.SECONDS)) {
                System.out.println("the run did not stop within " + holdSeconds + " s; exiting without a checkpoint"
                        + " (the same command resumes from the last one)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether a stop was requested. */
    @Override
    public boolean getAsBoolean() {
        return requested.getCount() == 0;
    }

    /** The run is over (finished or stopped): lets a waiting shutdown go on. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down already: the hook is running and now returns
        }
    }
}

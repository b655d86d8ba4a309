package io.tessera.kafka.local;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * Runs in the child broker JVM: the parent holds the write end of the child's stdin, so EOF on
 * stdin means the parent closed it or died (even by {@code kill -9}). The child then exits
 * gracefully, and is halted if the graceful shutdown takes longer than the grace period.
 */
final class StdinWatchdog implements Runnable {

    private final InputStream in;
    private final Duration grace;

    StdinWatchdog(InputStream in, Duration grace) {
        this.in = in;
        this.grace = grace;
    }

    static void start(InputStream in, Duration grace) {
        Thread t = new Thread(new StdinWatchdog(in, grace), "tessera-stdin-watchdog");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void run() {
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // Input is ignored; only the end of the stream matters.
            }
        } catch (IOException e) {
            // A broken pipe means the same as EOF: the parent is gone.
        }
        System.err.println("[tessera] stdin closed: the parent process is gone, stopping the broker");
        Thread halter = new Thread(() -> {
            try {
                Thread.sleep(grace.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            System.err.println("[tessera] graceful shutdown took longer than " + grace + ", halting");
            Runtime.getRuntime().halt(1);
        }, "tessera-halter");
        halter.setDaemon(true);
        halter.start();
        // Runs Kafka's shutdown hook (controlled shutdown, logs flushed).
        System.exit(0);
    }
}

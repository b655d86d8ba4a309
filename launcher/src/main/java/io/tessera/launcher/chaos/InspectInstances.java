package io.tessera.launcher.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Supervises the inspect instances of a run, each a JVM of its own: starts them, kills one with
 * SIGKILL and starts it again, restarts any that ended on their own (and counts those), and stops
 * them all in order at the end. Each start of instance i logs to {@code instance-<i>.<start>.log}.
 */
public final class InspectInstances implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InspectInstances.class);
    /** The app's orderly shutdown closes Kafka Streams and the model; past this it is killed. */
    private static final long STOP_GRACE_SECONDS = 60;

    private final List<String> command;
    private final Path logDir;
    private final Process[] processes;
    private final int[] starts;
    private long unexpectedExits;

    /**
     * @param command the whole command line of one instance (java, JVM options, main class, app flags)
     * @param logDir  where instance logs go
     */
    public InspectInstances(List<String> command, Path logDir, int count) {
        this.command = List.copyOf(command);
        this.logDir = logDir;
        this.processes = new Process[count];
        this.starts = new int[count];
    }

    public int count() {
        return processes.length;
    }

    public synchronized void startAll() {
        for (int i = 0; i < processes.length; i++) {
            start(i);
        }
    }

    /** SIGKILL (no shutdown hook, no goodbye to the group) and a new JVM in its place; returns the killed pid. */
    public synchronized long killAndRestart(int instance) throws InterruptedException {
        Process p = processes[instance];
        long pid = p.pid();
        p.destroyForcibly();
        p.waitFor();
        start(instance);
        return pid;
    }

    public synchronized long pid(int instance) {
        return processes[instance].pid();
    }

    public synchronized int alive() {
        int n = 0;
        for (Process p : processes) {
            if (p != null && p.isAlive()) {
                n++;
            }
        }
        return n;
    }

    /** Starts again every instance that ended without being killed; returns how many did. */
    public synchronized List<String> restartExited() {
        List<String> restarted = new ArrayList<>();
        for (int i = 0; i < processes.length; i++) {
            Process p = processes[i];
            if (p != null && !p.isAlive()) {
                unexpectedExits++;
                restarted.add("instance " + i + " (pid " + p.pid() + ") ended by itself with exit code " + p.exitValue()
                        + "; see " + logFile(i, starts[i]));
                start(i);
            }
        }
        return restarted;
    }

    public synchronized long unexpectedExits() {
        return unexpectedExits;
    }

    public Path logDir() {
        return logDir;
    }

    private void start(int instance) {
        starts[instance]++;
        Path log = logFile(instance, starts[instance]);
        try {
            // stdin stays a pipe held by this JVM: the instance ends when it closes (InstanceMain)
            processes[instance] = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start inspect instance " + instance + " (" + command.get(0) + ")", e);
        }
        LOG.debug("inspect instance {} started as pid {}, log {}", instance, processes[instance].pid(), log);
    }

    private Path logFile(int instance, int start) {
        return logDir.resolve("instance-" + instance + "." + start + ".log");
    }

    /** Orderly stop of every instance (EOF on stdin), all at once; killed past the grace period. */
    @Override
    public synchronized void close() {
        for (Process p : processes) {
            if (p != null) {
                try {
                    p.getOutputStream().close();
                } catch (IOException e) {
                    p.destroy();
                }
            }
        }
        for (Process p : processes) {
            if (p == null) {
                continue;
            }
            try {
                if (!p.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                    LOG.warn("inspect instance pid {} did not stop within {} s; killing it", p.pid(), STOP_GRACE_SECONDS);
                    p.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}

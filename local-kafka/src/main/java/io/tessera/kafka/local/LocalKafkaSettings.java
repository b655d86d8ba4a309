package io.tessera.kafka.local;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How to run a {@link LocalKafka} broker.
 *
 * @param dataDir         a folder kept between runs; empty: a fresh temporary folder removed on close
 * @param port            the client (PLAINTEXT) port on 127.0.0.1; 0 picks a free one
 * @param maxMessageBytes broker {@code message.max.bytes} and {@code replica.fetch.max.bytes}
 * @param heapMegabytes   the child JVM's {@code -Xmx}
 * @param startTimeout    how long to wait for the broker to answer {@code describeCluster}
 * @param stopTimeout     how long a graceful shutdown may take before the child is killed
 * @param overrides       extra broker properties, applied last
 * @param classpath       the child's classpath; empty: the jars of this JVM's own classpath when
 *                        this module is one of them, else all of it
 * @param classArchiveDir where the child's class-data archive is kept (a dynamic CDS archive that
 *                        makes a restart faster);
 *                        empty: none. {@link #defaults()} takes it from the system property
 *                        {@value #CLASS_ARCHIVE_DIR_PROPERTY}, which the {@code tessera} script sets
 * @param clock           the clock used for deadlines
 */
public record LocalKafkaSettings(
        Optional<Path> dataDir,
        int port,
        int maxMessageBytes,
        int heapMegabytes,
        Duration startTimeout,
        Duration stopTimeout,
        Map<String, String> overrides,
        Optional<String> classpath,
        Optional<Path> classArchiveDir,
        Clock clock) {

    /** Frames up to 10 MiB of image bytes; the headroom covers record headers and batch overhead. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 10 * 1024 * 1024 + 64 * 1024;
    public static final int DEFAULT_HEAP_MEGABYTES = 512;
    /** Generous: about 5 s on an idle machine, much longer on a loaded two-core one. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(120);
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(30);

    /** System property naming the folder for the broker's class-data archive. */
    public static final String CLASS_ARCHIVE_DIR_PROPERTY = "tessera.local-kafka.class-archive-dir";

    public LocalKafkaSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(startTimeout, "startTimeout");
        Objects.requireNonNull(stopTimeout, "stopTimeout");
        Objects.requireNonNull(classpath, "classpath");
        Objects.requireNonNull(classArchiveDir, "classArchiveDir");
        Objects.requireNonNull(clock, "clock");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 (any free port) or 1-65535, got " + port);
        }
        if (maxMessageBytes < 1024 * 1024) {
            throw new IllegalArgumentException("maxMessageBytes must be at least 1 MiB (1048576), got " + maxMessageBytes);
        }
        if (heapMegabytes < 128) {
            throw new IllegalArgumentException("heapMegabytes must be at least 128, got " + heapMegabytes);
        }
        if (startTimeout.isNegative() || startTimeout.isZero()) {
            throw new IllegalArgumentException("startTimeout must be positive, got " + startTimeout);
        }
        if (stopTimeout.isNegative() || stopTimeout.isZero()) {
            throw new IllegalArgumentException("stopTimeout must be positive, got " + stopTimeout);
        }
        overrides = Map.copyOf(new TreeMap<>(Objects.requireNonNull(overrides, "overrides")));
    }

    public static LocalKafkaSettings defaults() {
        return new LocalKafkaSettings(Optional.empty(), 0, DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_HEAP_MEGABYTES,
                DEFAULT_START_TIMEOUT, DEFAULT_STOP_TIMEOUT, Map.of(), Optional.empty(),
                Optional.ofNullable(System.getProperty(CLASS_ARCHIVE_DIR_PROPERTY)).filter(d -> !d.isBlank()).map(Path::of),
                Clock.systemUTC());
    }

    public LocalKafkaSettings withDataDir(Path dir) {
        return new LocalKafkaSettings(Optional.of(dir), port, maxMessageBytes, heapMegabytes, startTimeout,
                stopTimeout, overrides, classpath, classArchiveDir, clock);
    }

    public LocalKafkaSettings withPort(int newPort) {
        return new LocalKafkaSettings(dataDir, newPort, maxMessageBytes, heapMegabytes, startTimeout,
                stopTimeout, overrides, classpath, classArchiveDir, clock);
    }

    public LocalKafkaSettings withMaxMessageBytes(int bytes) {
        return new LocalKafkaSettings(dataDir, port, bytes, heapMegabytes, startTimeout,
                stopTimeout, overrides, classpath, classArchiveDir, clock);
    }

    public LocalKafkaSettings withHeapMegabytes(int megabytes) {
        return new LocalKafkaSettings(dataDir, port, maxMessageBytes, megabytes, startTimeout,
                stopTimeout, overrides, classpath, classArchiveDir, clock);
    }

    public LocalKafkaSettings withStartTimeout(Duration timeout) {
        return new LocalKafkaSettings(dataDir, port, maxMessageBytes, heapMegabytes, timeout,
                stopTimeout, overrides, classpath, classArchiveDir, clock);
    }

    public LocalKafkaSettings withOverrides(Map<String, String> extra) {
        return new LocalKafkaSettings(dataDir, port, maxMessageBytes, heapMegabytes, startTimeout,
                stopTimeout, extra, classpath, classArchiveDir, clock);
    }

    public LocalKafkaSettings withClasspath(String cp) {
        return new LocalKafkaSettings(dataDir, port, maxMessageBytes, heapMegabytes, startTimeout,
                stopTimeout, overrides, Optional.of(cp), classArchiveDir, clock);
    }

    public LocalKafkaSettings withClassArchiveDir(Optional<Path> dir) {
        return new LocalKafkaSettings(dataDir, port, maxMessageBytes, heapMegabytes, startTimeout,
                stopTimeout, overrides, classpath, dir, clock);
    }

    public LocalKafkaSettings withClock(Clock newClock) {
        return new LocalKafkaSettings(dataDir, port, maxMessageBytes, heapMegabytes, startTimeout,
                stopTimeout, overrides, classpath, classArchiveDir, newClock);
    }
}

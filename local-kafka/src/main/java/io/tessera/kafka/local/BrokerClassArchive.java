package io.tessera.kafka.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Class-data sharing (a dynamic CDS archive) for the broker JVM.
 *
 * <p>A broker that restarts is away for its whole start, and that start is mostly loading and
 * verifying the classes of Kafka, Scala and their libraries. Mapping them from an archive instead
 * took a restart from about 2.2 s to 1.25 s of wall time on a quiet 2-core AMD EPYC, and saves the
 * same CPU on a machine where the apps compete for it.
 *
 * <p>Java 17 cannot create the archive on its own ({@code -XX:+AutoCreateSharedArchive} is Java
 * 19+), so: a start without an archive runs with {@code -XX:ArchiveClassesAtExit} into a file of
 * its own; when that broker exits in order, the file is moved into place; later starts map it with
 * {@code -XX:SharedArchiveFile}. The archive's name is a digest of the JVM and of every jar (path,
 * size, modification time), so a rebuilt jar or another JDK gets a new archive instead of one the
 * JVM would refuse. CDS archives classes from jars only: a classpath with a directory gets none.
 * A missing or unusable archive costs nothing but the time it would have saved: the JVM's default
 * {@code -Xshare:auto} starts without it.
 */
final class BrokerClassArchive {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerClassArchive.class);
    static final String PREFIX = "broker-";
    static final String SUFFIX = ".jsa";
    static final String PENDING_SUFFIX = ".pending";
    /** A pending archive this old belongs to a broker whose parent died before moving it into place. */
    static final Duration ABANDONED_AFTER = Duration.ofHours(1);

    private final Path dir;
    private final Path archive;
    private final Optional<Path> pending;
    private final Clock clock;

    private BrokerClassArchive(Path dir, Path archive, Optional<Path> pending, Clock clock) {
        this.dir = dir;
        this.archive = archive;
        this.pending = pending;
        this.clock = clock;
    }

    /**
     * The archive for a broker run from {@code classpath} by the JVM {@code jvmIdentity}, kept in
     * {@code dir}; empty when the classpath holds anything but existing jar files. {@code clock}
     * tells how old an abandoned recording is.
     */
    static Optional<BrokerClassArchive> forBroker(Path dir, String classpath, String jvmIdentity, Clock clock) {
        Optional<String> key = key(classpath, jvmIdentity);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        Path archive = dir.resolve(PREFIX + key.get() + SUFFIX);
        if (usable(archive)) {
            return Optional.of(new BrokerClassArchive(dir, archive, Optional.empty(), clock));
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            // Only a faster start is lost; the broker starts as it would without an archive.
            LOG.warn("no class-data archive for the broker: cannot create {} ({}); set {} to a writable folder",
                    dir, e.toString(), LocalKafkaSettings.CLASS_ARCHIVE_DIR_PROPERTY);
            return Optional.empty();
        }
        Path pending = dir.resolve(PREFIX + key.get() + "-" + UUID.randomUUID() + PENDING_SUFFIX);
        return Optional.of(new BrokerClassArchive(dir, archive, Optional.of(pending), clock));
    }

    /** The running JVM: an archive is only valid for the exact JVM build that wrote it. */
    static String currentJvm() {
        return System.getProperty("java.home") + "|" + System.getProperty("java.vm.version");
    }

    /** The JVM options for the broker's start: map the archive, or record one at exit. */
    List<String> jvmOptions() {
        return pending.isEmpty() ? List.of("-XX:SharedArchiveFile=" + archive)
                : List.of("-XX:ArchiveClassesAtExit=" + pending.get());
    }

    /** Whether this start records an archive instead of mapping one. */
    boolean recording() {
        return pending.isPresent();
    }

    Path archive() {
        return archive;
    }

    /**
     * Called once the broker has exited: an archive recorded by an orderly exit is moved into
     * place, replacing older archives of other builds; anything else recorded is dropped.
     */
    void brokerExited(boolean orderly) {
        if (pending.isEmpty()) {
            return;
        }
        Path recorded = pending.get();
        try {
            // A broker halted or killed mid-dump leaves a partial file: never map that.
            if (orderly && usable(recorded)) {
                Files.move(recorded, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                LOG.info("broker class-data archive written: {} ({} MB)", archive, Files.size(archive) >> 20);
                removeOthers();
            } else {
                Files.deleteIfExists(recorded);
            }
        } catch (IOException e) {
            LOG.warn("could not keep the broker class-data archive {}: {}", recorded, e.toString());
        }
    }

    /** Archives of other jars or JVMs, and pending ones abandoned long ago. */
    private void removeOthers() throws IOException {
        Instant abandoned = clock.instant().minus(ABANDONED_AFTER);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PREFIX + "*")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                boolean staleArchive = name.endsWith(SUFFIX) && !file.equals(archive);
                boolean abandonedPending = name.endsWith(PENDING_SUFFIX)
                        && Files.getLastModifiedTime(file).toInstant().isBefore(abandoned);
                if (staleArchive || abandonedPending) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private static boolean usable(Path file) {
        try {
            return Files.isRegularFile(file) && Files.size(file) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<String> key(String classpath, String jvmIdentity) {
        List<String> parts = new ArrayList<>();
        parts.add(jvmIdentity);
        for (String entry : classpath.split(java.io.File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            Path jar = Path.of(entry);
            if (!entry.endsWith(".jar") || !Files.isRegularFile(jar)) {
                return Optional.empty();
            }
            try {
                parts.add(entry + "|" + Files.size(jar) + "|" + Files.getLastModifiedTime(jar).toMillis());
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        if (parts.size() == 1) {
            return Optional.empty();
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest(String.join("\n", parts).getBytes(StandardCharsets.UTF_8));
            return Optional.of(HexFormat.of().formatHex(digest, 0, 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}

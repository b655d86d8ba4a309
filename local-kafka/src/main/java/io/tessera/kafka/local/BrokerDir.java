package io.tessera.kafka.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The folder of one broker: {@code server.properties}, {@code broker.log}, {@code kafka-logs/}
 * and pid files, guarded by a file lock because two brokers on one {@code log.dirs} corrupt the
 * metadata log of the first.
 */
final class BrokerDir implements AutoCloseable {

    static final String TEMP_PREFIX = "tessera-kafka-";
    private static final String OWNER_PID = "owner.pid";
    private static final String BROKER_PID = "broker.pid";

    private final Path root;
    private final boolean temporary;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private BrokerDir(Path root, boolean temporary, FileChannel lockChannel, FileLock lock) {
        this.root = root;
        this.temporary = temporary;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    static BrokerDir temporary() {
        sweepStaleTemporaryDirs(Path.of(System.getProperty("java.io.tmpdir")));
        try {
            Path dir = Files.createTempDirectory(TEMP_PREFIX);
            BrokerDir brokerDir = lock(dir, true);
            brokerDir.writePid(OWNER_PID, ProcessHandle.current().pid());
            return brokerDir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary broker folder in " + System.getProperty("java.io.tmpdir"), e);
        }
    }

    static BrokerDir persistent(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the broker data dir " + dir, e);
        }
        return lock(dir.toAbsolutePath(), false);
    }

    private static BrokerDir lock(Path dir, boolean temporary) {
        Path lockFile = dir.resolve("tessera-broker.lock");
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new KafkaClusterException("the broker data dir " + dir + " is in use by another broker (lock " + lockFile + " is held)");
            }
            return new BrokerDir(dir, temporary, channel, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw new KafkaClusterException("the broker data dir " + dir + " is already in use by a broker of this process", e);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock the broker data dir " + dir, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    Path root() {
        return root;
    }

    boolean isTemporary() {
        return temporary;
    }

    Path propertiesFile() {
        return root.resolve("server.properties");
    }

    Path logFile() {
        return root.resolve("broker.log");
    }

    Path logDirs() {
        return root.resolve("kafka-logs");
    }

    Path argFile() {
        return root.resolve("java.args");
    }

    void writeBrokerPid(long pid) {
        writePid(BROKER_PID, pid);
    }

    /** The pid of a broker a previous run started here, if that process is still alive. */
    OptionalLong liveBrokerPid() {
        OptionalLong pid = readPid(root.resolve(BROKER_PID));
        return pid.isPresent() && isAlive(pid.getAsLong()) ? pid : OptionalLong.empty();
    }

    private void writePid(String name, long pid) {
        try {
            Files.writeString(root.resolve(name), Long.toString(pid), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + root.resolve(name), e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // The channel close below releases it too.
        }
        closeQuietly(lockChannel);
        if (temporary) {
            deleteRecursively(root);
        }
    }

    /** Removes temporary broker folders left by parents killed before they could clean up. */
    static void sweepStaleTemporaryDirs(Path tmp) {
        try (Stream<Path> entries = Files.list(tmp)) {
            entries.filter(p -> p.getFileName().toString().startsWith(TEMP_PREFIX))
                    .filter(Files::isDirectory)
                    .filter(BrokerDir::isAbandoned)
                    .forEach(BrokerDir::deleteRecursively);
        } catch (IOException | UncheckedIOException e) {
            // Best effort: a folder we cannot read is not ours to remove.
        }
    }

    private static boolean isAbandoned(Path dir) {
        OptionalLong owner = readPid(dir.resolve(OWNER_PID));
        if (owner.isEmpty()) {
            return false; // being created right now, or not made by this class
        }
        OptionalLong broker = readPid(dir.resolve(BROKER_PID));
        return !isAlive(owner.getAsLong()) && (broker.isEmpty() || !isAlive(broker.getAsLong()));
    }

    private static OptionalLong readPid(Path file) {
        try {
            return OptionalLong.of(Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // Keep going; whatever is left is reported by the caller's next sweep.
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // Best effort.
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing to do
            }
        }
    }
}

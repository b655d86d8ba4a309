package io.tessera.kafka.local;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * Main class of the child broker JVM started by {@link LocalKafka}: starts the stdin watchdog,
 * formats the storage (a no-op when already formatted) and runs {@code kafka.Kafka}.
 *
 * <p>Arguments: {@code <server.properties> <cluster-id> <grace-seconds>}.
 */
public final class BrokerMain {

    private BrokerMain() {
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: BrokerMain <server.properties> <cluster-id> <grace-seconds>");
            System.exit(2);
        }
        String properties = args[0];
        String clusterId = args[1];
        StdinWatchdog.start(System.in, Duration.ofSeconds(Long.parseLong(args[2])));
        int rc = 0;
        try {
            if (!isFormatted(properties)) {
                // Same as `kafka-storage.sh format --standalone`, in this JVM to save a JVM start.
                rc = kafka.tools.StorageTool.execute(new String[] {
                    "format", "--standalone", "-t", clusterId, "-c", properties}, System.out);
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("[tessera] formatting the broker storage failed: " + e);
            e.printStackTrace();
            rc = 1;
        }
        if (rc != 0) {
            System.err.println("[tessera] kafka.tools.StorageTool format exited with " + rc);
            System.exit(rc);
        }
        kafka.Kafka.main(new String[] {properties});
    }

    /** A kept data dir is formatted once; formatting again with a new cluster id would fail. */
    static boolean isFormatted(String propertiesFile) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(propertiesFile), StandardCharsets.UTF_8)) {
            p.load(in);
        }
        String logDirs = p.getProperty("log.dirs");
        if (logDirs == null || logDirs.isBlank()) {
            throw new IOException("log.dirs is not set in " + propertiesFile);
        }
        return Files.exists(Path.of(logDirs.split(",")[0].trim(), "meta.properties"));
    }
}

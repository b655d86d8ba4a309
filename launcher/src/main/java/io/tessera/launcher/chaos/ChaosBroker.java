package io.tessera.launcher.chaos;

import io.tessera.kafka.local.ExternalKafkaCluster;
import io.tessera.kafka.local.KafkaCluster;
import io.tessera.kafka.local.KafkaClusterException;
import io.tessera.kafka.local.LocalKafka;
import io.tessera.kafka.local.LocalKafkaSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The Kafka a run works on: a local broker on a data folder of the run, which it can stop and start
 * again on the same data and port, or an external cluster ({@code --bootstrap}), which it cannot.
 */
public final class ChaosBroker implements AutoCloseable {
    /** Attempts to start the broker again when its port is still held by the one just stopped. */
    private static final int RESTART_ATTEMPTS = 5;

    private final LocalKafkaSettings localSettings;
    private final Clock clock;
    private KafkaCluster cluster;
    private final String bootstrap;

    private ChaosBroker(KafkaCluster cluster, LocalKafkaSettings localSettings, Clock clock) {
        this.cluster = cluster;
        this.localSettings = localSettings;
        this.clock = clock;
        this.bootstrap = cluster.bootstrapServers();
    }

    /**
     * A local broker on {@code dataDir}, kept across restarts. {@code overrides} are broker settings;
     * the port chosen at the first start is kept, so clients reconnect to the same address.
     */
    public static ChaosBroker local(Path dataDir, Map<String, String> overrides, Clock clock) {
        LocalKafkaSettings settings = LocalKafkaSettings.defaults().withDataDir(dataDir).withOverrides(overrides).withClock(clock);
        LocalKafka first = LocalKafka.start(settings);
        int port = Integer.parseInt(first.bootstrapServers().substring(first.bootstrapServers().lastIndexOf(':') + 1));
        LocalKafkaSettings again = settings.withPort(port);
        if (first.recordsClassArchive()) {
            // The first broker on this machine and build records its class-data archive when it stops;
            // restarting it once before the run means every timed restart starts from the archive.
            first.close();
            first = LocalKafka.start(again);
        }
        return new ChaosBroker(first, again, clock);
    }

    public static ChaosBroker external(String bootstrap, Clock clock) {
        return new ChaosBroker(ExternalKafkaCluster.connect(bootstrap, "--bootstrap", Duration.ofSeconds(30), clock), null, clock);
    }

    public boolean restartable() {
        return localSettings != null;
    }

    public String bootstrapServers() {
        return bootstrap;
    }

    public synchronized KafkaCluster cluster() {
        return cluster;
    }

    /**
     * Stops the broker (orderly), leaves it down for {@code down}, starts it again on the same data
     * and port and waits until it answers.
     *
     * @return how long clients had no broker, from the stop request until it answered again
     */
    public Duration restart(Duration down) throws InterruptedException {
        if (!restartable()) {
            throw new IllegalStateException("--broker-restarts needs the local broker, not --bootstrap");
        }
        long stopAsked = clock.millis();
        synchronized (this) {
            ((LocalKafka) cluster).close();
        }
        Thread.sleep(down.toMillis());
        KafkaClusterException last = null;
        for (int attempt = 1; attempt <= RESTART_ATTEMPTS; attempt++) {
            try {
                LocalKafka again = LocalKafka.start(localSettings);
                synchronized (this) {
                    cluster = again;
                }
                return Duration.ofMillis(clock.millis() - stopAsked);
            } catch (KafkaClusterException e) {
                // the stopped broker's sockets can hold the port for a moment
                last = e;
                Thread.sleep(2000);
            }
        }
        throw last;
    }

    @Override
    public synchronized void close() {
        if (cluster instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("stopping the broker failed: " + e, e);
            }
        }
    }
}

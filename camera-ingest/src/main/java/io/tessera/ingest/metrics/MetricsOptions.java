package io.tessera.ingest.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tessera.ingest.publish.IngestStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The {@code --metrics-port} and {@code --metrics-address} options, for a command to mix in
 * ({@code @Mixin MetricsOptions metrics;}) and start with {@link #start(IngestStats)}.
 */
public final class MetricsOptions {
    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Serve Prometheus metrics (frames sent, bytes, send latency histogram, late and failed frames, "
                    + "JVM) at http://<address>:PORT/metrics; 0 = off (default: ${DEFAULT-VALUE}).",
            defaultValue = "0")
    int port;

    @Option(names = "--metrics-address", paramLabel = "ADDRESS",
            description = "Address the metrics endpoint binds to; 0.0.0.0 for every interface, as in a container "
                    + "(default: ${DEFAULT-VALUE}).",
            defaultValue = "127.0.0.1")
    String address;

    /** Starts the endpoint for a run's stats; empty when {@code --metrics-port} is 0. */
    public Optional<MetricsEndpoint> start(IngestStats stats) {
        if (port <= 0) {
            return Optional.empty();
        }
        PrometheusMeterRegistry registry = MetricsEndpoint.newRegistry("camera-ingest");
        IngestMeters.bind(stats, registry);
        try {
            return Optional.of(MetricsEndpoint.start(address, port, registry));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve metrics on " + address + ":" + port + ": " + e.getMessage(), e);
        }
    }
}

package io.tessera.ingest.cli;

import io.tessera.ingest.publish.ProducerSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Producer settings, defaults suited to 0.5-7 MB frames (see {@link ProducerSettings}). */
public final class ProducerOptions {
    @Option(names = "--acks", paramLabel = "all|1|0",
            description = "Producer acks (default: ${DEFAULT-VALUE}). With all the producer is idempotent (no duplicates or"
                    + " reordering on retries); 1 and 0 turn idempotence off.",
            defaultValue = "all")
    String acks;

    @Option(names = "--linger-ms", paramLabel = "MS", description = "Producer linger.ms (default: ${DEFAULT-VALUE}).", defaultValue = "5")
    int lingerMs;

    @Option(names = "--batch-size", paramLabel = "BYTES",
            description = "Producer batch.size (default: ${DEFAULT-VALUE}); a frame bigger than this is sent as a batch of its own.",
            defaultValue = "1048576")
    int batchSize;

    @Option(names = "--compression", paramLabel = "TYPE",
            description = "Producer compression.type: none, gzip, snappy, lz4, zstd (default: ${DEFAULT-VALUE}; JPEG does not compress).",
            defaultValue = "none")
    String compression;

    @Option(names = "--max-request-size", paramLabel = "BYTES",
            description = "Producer max.request.size (default: ${DEFAULT-VALUE}, 10 MiB, the local broker's message.max.bytes).",
            defaultValue = "10485760")
    int maxRequestSize;

    @Option(names = "--buffer-memory", paramLabel = "BYTES",
            description = "Producer buffer.memory: frames waiting for the broker are held here, and no more (default: ${DEFAULT-VALUE}, 256 MiB).",
            defaultValue = "268435456")
    long bufferMemory;

    @Option(names = "--max-block-ms", paramLabel = "MS",
            description = "How long a send may wait for buffer space or metadata before the run fails naming the bootstrap servers"
                    + " (default: ${DEFAULT-VALUE}).",
            defaultValue = "30000")
    int maxBlockMs;

    @Option(names = "--delivery-timeout-ms", paramLabel = "MS",
            description = "Producer delivery.timeout.ms: a frame not acknowledged by then fails the run (default: ${DEFAULT-VALUE}).",
            defaultValue = "60000")
    int deliveryTimeoutMs;

    @Option(names = "--producer-prop", paramLabel = "KEY=VALUE",
            description = "Any other Kafka producer property (repeatable), e.g. --producer-prop security.protocol=SSL; overrides the options above.")
    Map<String, String> extra = new LinkedHashMap<>();

    /** The producer settings these options describe, for a cluster at {@code bootstrap}. */
    public ProducerSettings settings(String bootstrap) {
        return new ProducerSettings(bootstrap, acks, lingerMs, batchSize, compression, maxRequestSize, bufferMemory, maxBlockMs,
                deliveryTimeoutMs, extra);
    }
}

package io.tessera.ingest.publish;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Producer settings for frames of 0.5-7 MB. Each frame is bigger than any useful batch, so
 * batching and compression buy nothing (JPEG does not compress); what matters is that one
 * request may hold a whole frame ({@code max.request.size} up to the broker's 10 MiB
 * {@code message.max.bytes}) and that the send buffer is bounded: when the broker is slow or
 * gone, {@code send} blocks for at most {@code max.block.ms} once {@code buffer.memory} is full,
 * then fails with a clear error instead of growing without limit.
 *
 * @param extra any other producer property ({@code --producer-prop key=value}); wins over the rest
 */
public record ProducerSettings(
        String bootstrapServers,
        String acks,
        int lingerMs,
        int batchSize,
        String compressionType,
        int maxRequestSize,
        long bufferMemory,
        int maxBlockMs,
        int deliveryTimeoutMs,
        Map<String, String> extra) {

    public static final String DEFAULT_BOOTSTRAP = "localhost:9092";
    /** Longest wait between connection attempts and between retries (Kafka: 1000). */
    public static final int RECONNECT_BACKOFF_MAX_MS = 250;

    public ProducerSettings {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrap servers must be set (--bootstrap)");
        }
        if (maxRequestSize < 1024 * 1024) {
            throw new IllegalArgumentException("max-request-size must be at least 1 MiB for camera frames, got " + maxRequestSize);
        }
        if (bufferMemory < maxRequestSize) {
            throw new IllegalArgumentException("buffer-memory (" + bufferMemory + ") must hold at least one request of max-request-size ("
                    + maxRequestSize + ")");
        }
        extra = Map.copyOf(extra == null ? Map.of() : extra);
    }

    /** The defaults documented in {@code config/camera-ingest.properties}. */
    public static ProducerSettings defaults(String bootstrapServers) {
        return new ProducerSettings(bootstrapServers, "all", 5, 1024 * 1024, "none", 10 * 1024 * 1024,
                256L * 1024 * 1024, 30_000, 60_000, Map.of());
    }

    /** Adds client properties from a file or the environment; those already in {@code extra} keep their value. */
    public ProducerSettings withClientProperties(Map<String, String> client) {
        Map<String, String> merged = new LinkedHashMap<>(client);
        merged.putAll(extra);
        return new ProducerSettings(bootstrapServers, acks, lingerMs, batchSize, compressionType, maxRequestSize, bufferMemory,
                maxBlockMs, deliveryTimeoutMs, merged);
    }

    public ProducerSettings withBootstrapServers(String servers) {
        return new ProducerSettings(servers, acks, lingerMs, batchSize, compressionType, maxRequestSize, bufferMemory,
                maxBlockMs, deliveryTimeoutMs, extra);
    }

    public Properties toProperties(String clientId) {
        Map<String, Object> p = new TreeMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        // Idempotence (no duplicates on retry, order kept) needs acks=all; with acks 0 or 1 Kafka
        // refuses it, so it is on exactly when acks=all.
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "all".equals(acks) || "-1".equals(acks));
        p.put(ProducerConfig.ACKS_CONFIG, acks);
        p.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, batchSize);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compressionType);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxRequestSize);
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, bufferMemory);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, maxBlockMs);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, deliveryTimeoutMs);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(30_000, deliveryTimeoutMs - lingerMs));
        // Frames held while the broker is away go out as soon as it is back: Kafka waits up to 1 s
        // between connection attempts and between retries, 250 ms here (--producer-prop overrides).
        p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, RECONNECT_BACKOFF_MAX_MS);
        p.put(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG, RECONNECT_BACKOFF_MAX_MS);
        p.putAll(extra);
        Properties props = new Properties();
        props.putAll(p);
        return props;
    }
}

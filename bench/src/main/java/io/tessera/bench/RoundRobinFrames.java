package io.tessera.bench;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.Cluster;

/**
 * Spreads the benchmark's frames over all partitions whatever the camera ids hash to, so every
 * stream thread has work. (Per-camera order does not matter to a throughput figure.)
 */
public final class RoundRobinFrames implements Partitioner {
    private final AtomicLong next = new AtomicLong();

    @Override
    public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
        int partitions = cluster.partitionCountForTopic(topic);
        return (int) (next.getAndIncrement() % Math.max(1, partitions));
    }

    @Override
    public void close() {
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}

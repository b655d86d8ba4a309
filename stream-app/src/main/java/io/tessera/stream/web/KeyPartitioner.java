package io.tessera.stream.web;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * The partition the Kafka producer's default partitioner gives a keyed record (murmur2 of the
 * key bytes). Frames are keyed by camera id, so this says which frames partition holds a
 * camera's frames.
 */
final class KeyPartitioner {
    private KeyPartitioner() {
    }

    static int partition(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}

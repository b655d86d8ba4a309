package io.tessera.protocol;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/** A topic with its types: producers, consumers and the topology all take serdes from here. */
public record TopicDescriptor<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {
    public TopicDescriptor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
        if (!name.matches("[a-zA-Z0-9._-]{1,249}")) {
            throw new IllegalArgumentException("invalid Kafka topic name '" + name + "'");
        }
    }
}

package io.tessera.stream.topology;

import io.tessera.protocol.CameraThreshold;
import io.tessera.protocol.ModelTopics;
import io.tessera.stream.inspect.CameraThresholds;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cameras' taught thresholds as a Kafka Streams global store: every instance of every stream
 * thread holds the whole compacted {@code <prefix>thresholds} topic in memory (a few records per
 * camera), read to its end before the first frame and kept up to date while the app runs, so a
 * camera taught while the line runs is decided at its new threshold from the next frame on.
 */
final class ThresholdStore {
    static final String NAME = "camera-thresholds";
    static final String SOURCE = "thresholds";
    static final String UPDATE = "thresholds-update";
    private static final Logger LOG = LoggerFactory.getLogger(ThresholdStore.class);

    private ThresholdStore() {
    }

    /** Adds the global store, fed from {@code topics.thresholds()}, to {@code topology}. */
    static void addTo(Topology topology, ModelTopics topics) {
        var descriptor = topics.thresholds();
        topology.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(NAME), Serdes.String(), descriptor.valueSerde())
                        .withLoggingDisabled(),
                SOURCE, descriptor.keySerde().deserializer(), unreadableAsNone(descriptor.valueSerde().deserializer()),
                descriptor.name(), UPDATE, Update::new);
    }

    /**
     * A record that cannot be read forgets the camera's threshold (as a tombstone does) instead of
     * failing: the global thread, unlike a stream thread, has no dead-letter path, and a bad control
     * record must not stop inspection. The camera is then decided at the model's threshold.
     */
    static Deserializer<CameraThreshold> unreadableAsNone(Deserializer<CameraThreshold> inner) {
        return (topic, data) -> {
            try {
                return inner.deserialize(topic, data);
            } catch (SerializationException e) {
                LOG.warn("ignoring an unreadable record on {} (the camera's taught threshold is forgotten until it is"
                        + " taught again): {}", topic, e.getMessage());
                return null;
            }
        };
    }

    /** Keeps the store equal to the topic: a record replaces the camera's threshold, a tombstone forgets it. */
    private static final class Update implements Processor<String, CameraThreshold, Void, Void> {
        private KeyValueStore<String, CameraThreshold> store;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(NAME);
        }

        @Override
        public void process(Record<String, CameraThreshold> record) {
            if (record.key() == null) {
                return;
            }
            if (record.value() == null) {
                store.delete(record.key());
            } else {
                store.put(record.key(), record.value());
            }
        }
    }

    /**
     * The thresholds of {@code applicationId}'s cameras in the store. A record the store cannot read
     * is logged once per camera and treated as none: a bad control record must not stop inspection.
     */
    static CameraThresholds of(KeyValueStore<String, CameraThreshold> store, String applicationId) {
        Set<String> unreadable = ConcurrentHashMap.newKeySet();
        return cameraId -> {
            String key = CameraThreshold.key(applicationId, cameraId);
            try {
                return Optional.ofNullable(store.get(key));
            } catch (RuntimeException e) {
                if (unreadable.add(key)) {
                    LOG.warn("cannot read the taught threshold {} ({}); deciding camera {} at the model's threshold", key,
                            e.toString(), cameraId);
                }
                return Optional.empty();
            }
        };
    }
}

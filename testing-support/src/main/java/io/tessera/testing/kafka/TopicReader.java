package io.tessera.testing.kafka;

import io.tessera.protocol.TopicDescriptor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/** Reads a topic back from its start the way a downstream consumer does, for end-to-end tests. */
public final class TopicReader {
    private TopicReader() {
    }

    /**
     * Reads committed records from the start until {@code count} arrived; returns what arrived
     * within {@code patience} (a cap so a broken pipeline fails the test instead of hanging it).
     */
    public static <V> List<ConsumerRecord<String, V>> read(String bootstrap, TopicDescriptor<String, V> topic, int count,
            Duration patience) {
        List<ConsumerRecord<String, V>> out = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = consumer(bootstrap, topic, false)) {
            long end = System.nanoTime() + patience.toNanos();
            while (out.size() < count && System.nanoTime() < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    /** Every committed record up to the topic's current end (its last stable offset). */
    public static <V> List<ConsumerRecord<String, V>> readToEnd(String bootstrap, TopicDescriptor<String, V> topic) {
        return readToEnd(bootstrap, topic, false);
    }

    /** Every record up to the topic's current end; with {@code uncommitted}, aborted ones too. */
    public static <V> List<ConsumerRecord<String, V>> readToEnd(String bootstrap, TopicDescriptor<String, V> topic,
            boolean uncommitted) {
        List<ConsumerRecord<String, V>> out = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = consumer(bootstrap, topic, uncommitted)) {
            Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
            while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    /** A consumer from the start of every partition; read_committed unless {@code uncommitted}. */
    public static <V> KafkaConsumer<String, V> consumer(String bootstrap, TopicDescriptor<String, V> topic, boolean uncommitted) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, uncommitted ? "read_uncommitted" : "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
        KafkaConsumer<String, V> consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(),
                topic.valueSerde().deserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo p : consumer.partitionsFor(topic.name(), Duration.ofSeconds(30))) {
            partitions.add(new TopicPartition(p.topic(), p.partition()));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }
}

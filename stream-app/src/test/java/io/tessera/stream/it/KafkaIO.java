package io.tessera.stream.it;

import io.tessera.ingest.publish.FramePublisher;
import io.tessera.ingest.publish.IngestStats;
import io.tessera.ingest.publish.KafkaFrameSink;
import io.tessera.ingest.publish.Pace;
import io.tessera.ingest.publish.ProducerSettings;
import io.tessera.ingest.recording.RecordingReader;
import io.tessera.ingest.recording.RecordingSource;
import io.tessera.protocol.TopicDescriptor;
import java.nio.file.Path;
import java.time.Clock;
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

/** Replays recordings into Kafka and reads topics back the way a downstream consumer does. */
final class KafkaIO {
    private KafkaIO() {
    }

    /** Publishes a recording as fast as the broker takes it, with camera-ingest's replay path. */
    static void replay(String bootstrap, TopicDescriptor<String, byte[]> frames, Path recording) throws Exception {
        try (KafkaFrameSink sink = KafkaFrameSink.create(frames, ProducerSettings.defaults(bootstrap), "it-replay");
                FramePublisher publisher = FramePublisher.builder()
                        .source(new RecordingSource(RecordingReader.open(recording), false)).sink(sink)
                        .pace(Pace.asFastAsPossible()).clock(Clock.systemUTC()).stats(new IngestStats()).build().start()) {
            publisher.await();
        }
    }

    /**
     * Reads committed records from the start until {@code count} arrived; returns what arrived
     * within {@code patience} (a cap so a broken pipeline fails the test instead of hanging it).
     */
    static <V> List<ConsumerRecord<String, V>> read(String bootstrap, TopicDescriptor<String, V> topic, int count,
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
    static <V> List<ConsumerRecord<String, V>> readToEnd(String bootstrap, TopicDescriptor<String, V> topic) {
        return readToEnd(bootstrap, topic, false);
    }

    /** Every record up to the topic's current end; with {@code uncommitted}, aborted ones too. */
    static <V> List<ConsumerRecord<String, V>> readToEnd(String bootstrap, TopicDescriptor<String, V> topic,
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
    static <V> KafkaConsumer<String, V> consumer(String bootstrap, TopicDescriptor<String, V> topic, boolean uncommitted) {
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

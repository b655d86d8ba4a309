package io.tessera.testing.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.kafka.local.KafkaCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class KafkaBrokerExtensionIT {

    /** A raw 2K BGR frame: 2048 x 1080 x 3 bytes = 6,635,520 bytes. */
    private static final int RAW_2K_FRAME_BYTES = 2048 * 1080 * 3;

    @Test
    void createsTopicsIdempotently(KafkaCluster kafka) throws Exception {
        kafka.createTopics(3, "ext.idempotent.a", "ext.idempotent.b");
        kafka.createTopics(3, "ext.idempotent.a");

        Set<String> names = kafka.admin().listTopics().names().get();
        assertThat(names).contains("ext.idempotent.a", "ext.idempotent.b");
        assertThat(kafka.admin().describeTopics(List.of("ext.idempotent.a")).allTopicNames().get()
                .get("ext.idempotent.a").partitions()).hasSize(3);
    }

    @Test
    void sameBrokerForEveryTest(KafkaCluster first, KafkaCluster second) {
        assertThat(first).isSameAs(second);
        assertThat(first.bootstrapServers()).isNotBlank();
    }

    @Test
    void producesAndConsumes(KafkaCluster kafka) {
        kafka.createTopics(1, "ext.text");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>("ext.text", "cam-" + i, "hello " + i));
            }
            producer.flush();
        }

        List<ConsumerRecord<String, String>> records = consume(kafka, "ext.text", 5,
                new StringDeserializer(), new StringDeserializer());

        assertThat(records).extracting(ConsumerRecord::key).containsExactly("cam-0", "cam-1", "cam-2", "cam-3", "cam-4");
        assertThat(records).extracting(ConsumerRecord::value).containsExactly("hello 0", "hello 1", "hello 2", "hello 3", "hello 4");
    }

    @Test
    void rawTwoKFrameRoundTrip(KafkaCluster kafka) throws Exception {
        kafka.createTopics(1, "ext.frames");
        byte[] frame = new byte[RAW_2K_FRAME_BYTES];
        new Random(42).nextBytes(frame);

        RecordMetadata sent;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024),
                new StringSerializer(), new ByteArraySerializer())) {
            sent = producer.send(new ProducerRecord<>("ext.frames", "cam-1", frame)).get();
        }
        assertThat(sent.serializedValueSize()).isEqualTo(RAW_2K_FRAME_BYTES);

        List<ConsumerRecord<String, byte[]>> records = consume(kafka, "ext.frames", 1,
                new StringDeserializer(), new ByteArrayDeserializer());

        assertThat(records).hasSize(1);
        assertThat(records.get(0).key()).isEqualTo("cam-1");
        assertThat(records.get(0).value()).hasSize(RAW_2K_FRAME_BYTES).isEqualTo(frame);
    }

    /** Reads until {@code count} records arrived; gives up after a generous deadline. */
    static <K, V> List<ConsumerRecord<K, V>> consume(KafkaCluster kafka, String topic, int count,
                                                     Deserializer<K> keys,
                                                     Deserializer<V> values) {
        List<ConsumerRecord<K, V>> out = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + topic,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), keys, values)) {
            consumer.subscribe(List.of(topic));
            Instant giveUp = Instant.now().plus(Duration.ofSeconds(60));
            while (out.size() < count && Instant.now().isBefore(giveUp)) {
                consumer.poll(Duration.ofMillis(500)).forEach(out::add);
            }
        }
        return out;
    }
}

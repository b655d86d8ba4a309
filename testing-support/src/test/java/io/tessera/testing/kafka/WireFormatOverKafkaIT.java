package io.tessera.testing.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.kafka.local.KafkaCluster;
import io.tessera.protocol.ContentType;
import io.tessera.protocol.Decision;
import io.tessera.protocol.FrameMetadata;
import io.tessera.protocol.GroundTruth;
import io.tessera.protocol.ModelRef;
import io.tessera.protocol.Region;
import io.tessera.protocol.StageLatency;
import io.tessera.protocol.ThresholdSource;
import io.tessera.protocol.TopicDescriptor;
import io.tessera.protocol.Topics;
import io.tessera.protocol.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Frames and verdicts in Tessera's wire format through a real broker, with the typed topic descriptors. */
@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class WireFormatOverKafkaIT {

    private static final Instant CAPTURED = Instant.parse("2026-03-01T08:15:30.125Z");

    @Test
    void raw2KFrameWithItsHeadersArrivesIntact(KafkaCluster kafka) {
        Topics topics = Topics.withPrefix("wire1.", 16 * 1024 * 1024);
        kafka.createTopics(1, topics.frames().name());
        FrameMetadata metadata = new FrameMetadata("cam-07", "line-2", 18342, CAPTURED, ContentType.BGR8, 2048, 1080,
                "P-1", GroundTruth.DEFECT, List.of(new Region(100, 200, 30, 40)));
        byte[] pixels = new byte[(int) metadata.expectedRawBytes()];
        new Random(7).nextBytes(pixels);

        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topics.frames().name(), "cam-07", pixels);
        metadata.writeTo(record.headers());
        send(kafka, topics.frames(), record);

        ConsumerRecord<String, byte[]> received = consumeOne(kafka, topics.frames());
        assertThat(received.key()).isEqualTo("cam-07");
        assertThat(received.value()).hasSize(6_635_520).isEqualTo(pixels);
        assertThat(FrameMetadata.readFrom(received.key(), received.headers())).isEqualTo(metadata);
    }

    @Test
    void verdictJsonArrivesIntact(KafkaCluster kafka) {
        Topics topics = Topics.withPrefix("wire2.", 1024 * 1024);
        kafka.createTopics(1, topics.verdicts().name());
        Verdict verdict = new Verdict("cam-07", "line-2", 5, null, CAPTURED, Decision.OK, null, 0.97, 0.03, 0.5, ThresholdSource.MODEL, 50,
                List.of(), new ModelRef("resnet34", "1"), CAPTURED.plusMillis(140), StageLatency.none(), null);

        send(kafka, topics.verdicts(), new ProducerRecord<>(topics.verdicts().name(), "cam-07", verdict));

        assertThat(consumeOne(kafka, topics.verdicts()).value()).isEqualTo(verdict);
    }

    @Test
    void producerRefusesAFrameOverTheLimit(KafkaCluster kafka) {
        Topics topics = Topics.withPrefix("wire3.", 1000);
        kafka.createTopics(1, topics.frames().name());

        assertThatThrownBy(() -> send(kafka, topics.frames(), new ProducerRecord<>(topics.frames().name(), "cam-1", new byte[1001])))
                .isInstanceOf(SerializationException.class).hasMessageContaining("exceeds the limit of 1000 bytes");
    }

    private static <V> void send(KafkaCluster kafka, TopicDescriptor<String, V> topic, ProducerRecord<String, V> record) {
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024),
                topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
    }

    private static <V> ConsumerRecord<String, V> consumeOne(KafkaCluster kafka, TopicDescriptor<String, V> topic) {
        List<ConsumerRecord<String, V>> out = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "wire-" + topic.name(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            consumer.subscribe(List.of(topic.name()));
            Instant giveUp = Instant.now().plus(Duration.ofSeconds(60));
            while (out.isEmpty() && Instant.now().isBefore(giveUp)) {
                consumer.poll(Duration.ofMillis(500)).forEach(out::add);
            }
        }
        assertThat(out).as("records on %s", topic.name()).hasSize(1);
        return out.get(0);
    }
}

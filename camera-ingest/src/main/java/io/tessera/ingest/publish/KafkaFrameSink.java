package io.tessera.ingest.publish;

import io.tessera.ingest.CapturedFrame;
import io.tessera.ingest.IngestException;
import io.tessera.protocol.TopicDescriptor;
import java.time.Duration;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Sends frames to the frames topic with an idempotent producer. The record timestamp is left to
 * the producer (send time); the capture time travels in its header.
 */
public final class KafkaFrameSink implements FrameSink {
    private final Producer<String, byte[]> producer;
    private final String topic;
    private final String bootstrapServers;
    private final boolean ownsProducer;

    private KafkaFrameSink(Producer<String, byte[]> producer, String topic, String bootstrapServers, boolean ownsProducer) {
        this.producer = producer;
        this.topic = topic;
        this.bootstrapServers = bootstrapServers;
        this.ownsProducer = ownsProducer;
    }

    /** A sink with its own producer, closed with the sink. */
    public static KafkaFrameSink create(TopicDescriptor<String, byte[]> frames, ProducerSettings settings, String clientId) {
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(settings.toProperties(clientId),
                frames.keySerde().serializer(), frames.valueSerde().serializer());
        return new KafkaFrameSink(producer, frames.name(), settings.bootstrapServers(), true);
    }

    /** A sink over a producer the caller owns (several cameras can share one producer). */
    public static KafkaFrameSink over(Producer<String, byte[]> producer, String topic, String bootstrapServers) {
        return new KafkaFrameSink(producer, topic, bootstrapServers, false);
    }

    /**
     * Fetches the topic's metadata now, so that a run does not start its clock with a send that
     * waits for the connection, and so that a wrong address or a missing topic is reported
     * before the first frame. Waits at most the producer's {@code max.block.ms}.
     *
     * @return the topic's partition count
     */
    public int awaitTopic() {
        try {
            return producer.partitionsFor(topic).size();
        } catch (TimeoutException e) {
            throw new IngestException("Kafka at " + bootstrapServers + " did not show topic " + topic + " in time: the broker is"
                    + " unreachable, or the topic does not exist and is not auto-created (" + e.getMessage() + ")", e);
        } catch (KafkaException e) {
            throw explain(e);
        }
    }

    @Override
    public void send(CapturedFrame frame, Callback callback) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, null, null, frame.key(), frame.value(),
                frame.kafkaHeaders());
        try {
            producer.send(record, (metadata, error) -> callback.completed(error == null ? null : explain(error)));
        } catch (KafkaException e) {
            throw explain(e);
        }
    }

    private IngestException explain(Exception error) {
        if (error instanceof TimeoutException) {
            return new IngestException("Kafka at " + bootstrapServers + " did not take frames for topic " + topic
                    + " in time (broker unreachable or too slow; the send buffer is bounded by buffer-memory and"
                    + " max-block-ms): " + error.getMessage(), error);
        }
        if (error instanceof RecordTooLargeException) {
            return new IngestException("a frame is larger than the producer's max-request-size or the broker's message.max.bytes"
                    + " (topic " + topic + " at " + bootstrapServers + "); send JPEG or raise the limits: " + error.getMessage(), error);
        }
        return new IngestException("sending to topic " + topic + " at " + bootstrapServers + " failed: " + error, error);
    }

    @Override
    public void flush() {
        producer.flush();
    }

    @Override
    public String describe() {
        return topic + "@" + bootstrapServers;
    }

    @Override
    public void close() {
        if (ownsProducer) {
            producer.close(Duration.ofSeconds(30));
        }
    }
}

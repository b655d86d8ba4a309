package io.tessera.launcher.teachin;

import io.tessera.protocol.CameraThreshold;
import io.tessera.protocol.ModelTopics;
import io.tessera.protocol.TopicDescriptor;
import io.tessera.stream.app.TopicProvisioner;
import io.tessera.stream.config.StreamAppConfig;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes a camera's threshold to the compacted {@code <prefix>thresholds} topic, keyed
 * {@code <application-id>/<camera-id>}, or a tombstone that forgets it; every instance of the
 * application reads it into its global store and decides the camera's next frames by it.
 */
public final class ThresholdPublisher {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final StreamAppConfig config;
    private final TopicDescriptor<String, CameraThreshold> topic;

    /** @param config the site (bootstrap servers, security, topic prefix) and the application (kafka.application.id) */
    public ThresholdPublisher(StreamAppConfig config) {
        this.config = config;
        this.topic = ModelTopics.withPrefix(config.topicPrefix()).thresholds();
    }

    public String topic() {
        return topic.name();
    }

    public String key(String cameraId) {
        return CameraThreshold.key(config.applicationId(), cameraId);
    }

    /** @throws IllegalStateException naming the topic and kafka.bootstrap.servers when the broker does not take it */
    public void publish(CameraThreshold threshold) {
        write(threshold.cameraId(), threshold);
    }

    /** Writes the camera's tombstone: its frames are decided at the model's threshold again. */
    public void forget(String cameraId) {
        write(cameraId, null);
    }

    private void write(String cameraId, CameraThreshold value) {
        try {
            TopicProvisioner.ensureThresholdsTopic(config);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating " + topic.name(), e);
        }
        Properties p = config.clientProperties();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(TIMEOUT.toMillis()));
        try (KafkaProducer<String, CameraThreshold> producer = new KafkaProducer<>(p, topic.keySerde().serializer(),
                topic.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), key(cameraId), value)).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot write to " + topic.name() + " at " + config.bootstrapServers()
                    + " (kafka.bootstrap.servers): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to " + topic.name(), e);
        }
    }
}

package io.tessera.bench;

import io.tessera.protocol.TopicDescriptor;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Counts committed dead letters on its own thread: a frame that was dead-lettered is finished
 * too, so the benchmark must not wait for its verdict.
 */
final class DeadLetterCounter implements AutoCloseable {
    private final AtomicLong count = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    DeadLetterCounter(String bootstrap, TopicDescriptor<String, byte[]> topic) {
        KafkaConsumer<byte[], byte[]> consumer = CommittedReader.fromBeginning(bootstrap, topic.name(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        thread = new Thread(() -> {
            try (consumer) {
                while (running.get()) {
                    count.addAndGet(consumer.poll(Duration.ofMillis(100)).count());
                }
            }
        }, "bench-dead-letters");
        thread.setDaemon(true);
        thread.start();
    }

    long count() {
        return count.get();
    }

    @Override
    public void close() {
        running.set(false);
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

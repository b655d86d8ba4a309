package io.tessera.bench;

import io.tessera.protocol.TopicDescriptor;
import io.tessera.protocol.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/** Reads committed verdicts from the start of the topic on its own thread, as a reject gate would. */
final class VerdictCollector implements AutoCloseable {
    private final List<Verdict> verdicts = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    VerdictCollector(String bootstrap, TopicDescriptor<String, Verdict> topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<String, Verdict> consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(),
                topic.valueSerde().deserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo p : consumer.partitionsFor(topic.name(), Duration.ofSeconds(30))) {
            partitions.add(new TopicPartition(p.topic(), p.partition()));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = new Thread(() -> {
            try (consumer) {
                while (running.get()) {
                    for (ConsumerRecord<String, Verdict> r : consumer.poll(Duration.ofMillis(100))) {
                        synchronized (verdicts) {
                            verdicts.add(r.value());
                            verdicts.notifyAll();
                        }
                    }
                }
            }
        }, "bench-verdicts");
        thread.setDaemon(true);
        thread.start();
    }

    int count() {
        synchronized (verdicts) {
            return verdicts.size();
        }
    }

    /** Waits until {@code n} verdicts arrived or {@code timeout} passed; returns all so far. */
    List<Verdict> await(int n, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (verdicts) {
            while (verdicts.size() < n) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                verdicts.wait(Math.max(1, left / 1_000_000));
            }
            return List.copyOf(verdicts);
        }
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

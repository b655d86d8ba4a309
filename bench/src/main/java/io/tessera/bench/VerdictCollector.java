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

    /**
     * Waits until {@code n} frames have finished: a verdict (UNKNOWN ones included) or a dead
     * letter each. Gives up when nothing finishes for {@code stall}, or after {@code cap} in all,
     * so a pipeline that loses frames cannot hang the benchmark.
     */
    Wait awaitFinished(int n, DeadLetterCounter deadLetters, Duration stall, Duration cap) throws InterruptedException {
        long started = System.nanoTime();
        long end = started + cap.toNanos();
        long lastProgress = started;
        long seen = -1;
        while (true) {
            List<Verdict> now = await(Integer.MAX_VALUE, Duration.ofMillis(200));
            long finished = now.size() + deadLetters.count();
            long t = System.nanoTime();
            if (finished != seen) {
                seen = finished;
                lastProgress = t;
            }
            String gaveUp = null;
            if (finished >= n) {
                return new Wait(now, deadLetters.count(), null);
            } else if (t - lastProgress > stall.toNanos()) {
                gaveUp = "no frame finished for " + stall.toSeconds() + " s";
            } else if (t - end > 0) {
                gaveUp = "the run passed its cap of " + cap.toSeconds() + " s";
            }
            if (gaveUp != null) {
                return new Wait(now, deadLetters.count(), "gave up after " + Duration.ofNanos(t - started).toSeconds()
                        + " s: only " + finished + " of " + n + " frames finished (" + now.size() + " verdicts, "
                        + deadLetters.count() + " dead letters); " + gaveUp);
            }
        }
    }

    /** What {@link #awaitFinished} saw; {@code gaveUp} says why it stopped waiting early (null when all finished). */
    record Wait(List<Verdict> verdicts, long deadLetters, String gaveUp) {
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

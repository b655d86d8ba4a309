package io.tessera.launcher.chaos;

import io.tessera.protocol.Topics;
import io.tessera.protocol.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the verdicts and dead letters while the run goes on, as a reject gate would: with
 * {@code isolation.level=read_committed}, polling all the time, it notes when it first saw an
 * output for each frame. These times are the "done" times of {@link StallMeter}: an output the
 * app decided but whose transaction stays open is not done, since no gate can act on it yet.
 */
public final class OutputObserver implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutputObserver.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Topics topics;
    private final Clock clock;
    private final Map<String, Long> firstSeen = new ConcurrentHashMap<>();
    private final AtomicLong verdicts = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    private OutputObserver(KafkaConsumer<String, byte[]> consumer, Topics topics, Clock clock) {
        this.consumer = consumer;
        this.topics = topics;
        this.clock = clock;
        this.thread = new Thread(this::run, "tessera-chaos-observer");
        this.thread.setDaemon(true);
    }

    public static OutputObserver start(String bootstrap, Topics topics, Clock clock) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "tessera-chaos-observer");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(topics.verdicts().name(), topics.deadLetters().name())) {
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(60))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        OutputObserver observer = new OutputObserver(consumer, topics, clock);
        observer.thread.start();
        return observer;
    }

    private void run() {
        try {
            while (running) {
                try {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                        seen(r);
                    }
                } catch (WakeupException e) {
                    return;
                } catch (KafkaException e) {
                    // a broker away for a restart: the consumer reconnects by itself
                    LOG.debug("observer poll failed: {}", e.toString());
                }
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void seen(ConsumerRecord<String, byte[]> r) {
        long now = clock.millis();
        String identity;
        if (r.topic().equals(topics.verdicts().name())) {
            Verdict v = topics.verdicts().valueSerde().deserializer().deserialize(r.topic(), r.value());
            identity = AuditInput.identity(v.cameraId(), v.sequence());
            verdicts.incrementAndGet();
        } else {
            identity = TopicAudit.deadLetterIdentity(r.key(), r.headers());
            deadLetters.incrementAndGet();
        }
        firstSeen.putIfAbsent(identity, now);
    }

    /** Identity of each frame with a committed output -> when it was first seen (epoch ms). */
    public Map<String, Long> firstSeen() {
        return Map.copyOf(firstSeen);
    }

    public long verdictsSeen() {
        return verdicts.get();
    }

    public long deadLettersSeen() {
        return deadLetters.get();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.tessera.gate;

import io.tessera.gate.core.BadAcknowledgeException;
import io.tessera.gate.core.GateEvents;
import io.tessera.gate.core.GateResult;
import io.tessera.gate.core.Handshake;
import io.tessera.gate.core.OffsetLedger;
import io.tessera.gate.kafka.LineWatch;
import io.tessera.gate.kafka.ResultDecoder;
import io.tessera.gate.map.RegisterImage;
import io.tessera.gate.map.StatusBit;
import io.tessera.gate.modbus.GateModbusServer;
import io.tessera.gate.modbus.GateModbusServices;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line's reject gate: reads results from Kafka ({@code read_committed}), offers them to the
 * {@link Handshake}, serves the register image to the PLC over Modbus TCP, and commits Kafka
 * offsets only up to what the PLC acknowledged.
 *
 * <p><b>Exactly once towards the PLC.</b> The gate's consumer group holds, per partition, the
 * offset of the first result the PLC has not acknowledged ({@link OffsetLedger}). A PLC's write to
 * the acknowledge register is answered only after that commit, so every acknowledgement the PLC saw
 * succeed is durable: a gate that crashes and starts again resumes from the committed offsets,
 * writes again (in a new session) only results the PLC had not acknowledged, and skips none. The
 * partitions are assigned, not subscribed: a restarted gate starts at once instead of waiting for
 * the dead one's group session to expire. Run one gate per line.
 *
 * <p>All Kafka calls happen on the gate's own thread; the Modbus server hands acknowledgements to
 * it and wakes it up.
 */
public final class GateService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GateService.class);

    private static final Duration POLL = Duration.ofMillis(20);
    private static final Duration LOOKUP_TIMEOUT = Duration.ofMillis(500);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration IDLE_COMMIT_EVERY = Duration.ofSeconds(1);
    private static final Duration LAG_EVERY = Duration.ofSeconds(1);
    /** Longer than a commit, shorter than a PLC's usual request timeout: a PLC asked to retry does so in time. */
    private static final Duration ACK_CONFIRM_TIMEOUT = Duration.ofMillis(1500);
    private static final int MAX_BACKLOG = 256;

    private record AckRequest(int value, CompletableFuture<Void> done) {
    }

    private final GateSettings settings;
    private final Clock clock;
    private final GateEvents events;
    private final Handshake handshake;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions;
    private final ResultDecoder decoder;
    private final LineWatch lineWatch;
    private final OffsetLedger ledger = new OffsetLedger();
    private final ArrayDeque<GateResult> backlog = new ArrayDeque<>();
    private final ConcurrentLinkedQueue<AckRequest> acks = new ConcurrentLinkedQueue<>();
    private final List<CompletableFuture<Void>> awaitingCommit = new ArrayList<>();
    private final AtomicLong lag = new AtomicLong();
    private final GateModbusServer server;
    private final Thread thread;

    private volatile boolean running = true;
    private volatile boolean halted;
    private boolean paused;
    private Instant lastCommit;
    private Instant lastLagCheck;

    private GateService(GateSettings settings, Clock clock, GateEvents events) {
        this.settings = settings;
        this.clock = clock;
        this.events = events;
        RegisterImage image = new RegisterImage(settings.map());
        this.handshake = new Handshake(image, settings.policy(), settings.timing(), clock, events);
        this.decoder = new ResultDecoder(settings);
        this.lineWatch = new LineWatch(settings.line(), 1000);
        this.consumer = new KafkaConsumer<>(consumerProperties(settings), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        try {
            this.partitions = assignFromCommitted();
            this.server = GateModbusServer.start(settings.bindAddress(), settings.port(),
                    new GateModbusServices(image, this::acknowledge, ACK_CONFIRM_TIMEOUT));
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
        this.lastCommit = clock.instant();
        this.lastLagCheck = Instant.MIN;
        this.thread = new Thread(this::loop, "gate-" + settings.line());
    }

    /** Connects to Kafka, resolves the start positions, listens for the PLC and starts the loop. */
    public static GateService start(GateSettings settings, Clock clock, GateEvents events) {
        GateService gate = new GateService(settings, clock, events);
        gate.thread.start();
        LOG.info("Gate for line {} ({}, {}) reading {} as group {}; Modbus TCP on {}:{}, unit {}, map at {}, {} slots, session {}",
                settings.line(), settings.policy(), settings.source().name().toLowerCase(Locale.ROOT), settings.topic(),
                settings.groupId(), settings.bindAddress(), gate.port(), settings.map().unitId(), settings.map().baseAddress(),
                settings.map().slots(), gate.handshake.session());
        return gate;
    }

    static Properties consumerProperties(GateSettings s) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrap());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "tessera-gate-" + s.line());
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "100");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        p.putAll(s.consumerProps());
        // Not negotiable: aborted results must never reach a PLC, and only acknowledged ones are committed.
        p.put(ConsumerConfig.GROUP_ID_CONFIG, s.groupId());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return p;
    }

    private List<TopicPartition> assignFromCommitted() {
        String topic = settings.topic();
        List<PartitionInfo> infos;
        try {
            infos = consumer.partitionsFor(topic, START_TIMEOUT);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + settings.bootstrap() + " did not answer within " + START_TIMEOUT.toSeconds() + " s");
        }
        if (infos == null || infos.isEmpty()) {
            throw new GateSettingsException("gate.source", "topic '" + topic + "' does not exist at " + settings.bootstrap()
                    + " (start the inspect app first, or check topics.prefix)");
        }
        List<TopicPartition> tps = infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        consumer.assign(tps);
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(tps), START_TIMEOUT);
        List<TopicPartition> fresh = new ArrayList<>();
        for (TopicPartition tp : tps) {
            OffsetAndMetadata c = committed.get(tp);
            if (c == null) {
                fresh.add(tp);
            } else {
                consumer.seek(tp, c.offset());
            }
        }
        // Never with an empty list: Kafka reads that as "every assigned partition", which would throw
        // away the committed positions just set and rewrite results the PLC already acknowledged.
        if (fresh.isEmpty()) {
            LOG.debug("Gate {}: every partition has a committed offset", settings.line());
        } else if (settings.startFrom() == GateSettings.StartFrom.LATEST) {
            consumer.seekToEnd(fresh);
        } else {
            consumer.seekToBeginning(fresh);
        }
        // Resolve now, so that results published once start() returns are read.
        Map<TopicPartition, Long> positions = new TreeMap<>(Comparator.comparing(TopicPartition::toString));
        for (TopicPartition tp : tps) {
            positions.put(tp, consumer.position(tp, START_TIMEOUT));
        }
        LOG.info("Gate {}: starting at offsets {} ({} committed by group {}, the others from the {})", settings.line(), positions,
                tps.size() - fresh.size(), settings.groupId(), settings.startFrom().name().toLowerCase(Locale.ROOT));
        return tps;
    }

    /** For the Modbus server: completes once the acknowledgement is committed. */
    private CompletableFuture<Void> acknowledge(int value) {
        if (!running) {
            return CompletableFuture.failedFuture(new IllegalStateException("the gate is stopping"));
        }
        AckRequest request = new AckRequest(value, new CompletableFuture<>());
        acks.add(request);
        consumer.wakeup();
        return request.done();
    }

    private void loop() {
        try {
            while (running) {
                try {
                    iterate();
                } catch (WakeupException e) {
                    // an acknowledgement is waiting, or close(): go round again
                } catch (RuntimeException e) {
                    LOG.warn("Gate {}: {}; retrying", settings.line(), e.toString());
                    pause(Duration.ofMillis(100));
                }
            }
            if (!halted) {
                applyAcknowledgements();
                commit(true);
            }
        } catch (RuntimeException e) {
            LOG.warn("Gate {}: last commit failed: {}", settings.line(), e.toString());
        } finally {
            IllegalStateException stopped = new IllegalStateException("the gate stopped");
            awaitingCommit.forEach(f -> f.completeExceptionally(stopped));
            acks.forEach(a -> a.done().completeExceptionally(stopped));
            closeConsumer();
        }
    }

    private void closeConsumer() {
        try {
            consumer.close();
        } catch (WakeupException e) {
            // a wake-up for an acknowledgement that came in while stopping: close again, it is consumed now
            consumer.close();
        }
    }

    private void iterate() {
        handshake.tick();
        applyAcknowledgements();
        offerBacklog();
        commit(false);
        refreshLag();
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
            take(record);
        }
        offerBacklog();
        flowControl();
    }

    private void take(ConsumerRecord<byte[], byte[]> record) {
        ResultDecoder.Decoded decoded = decoder.decode(record);
        if (decoded instanceof ResultDecoder.Mine m) {
            lineWatch.mine();
            ledger.read(m.position());
            backlog.add(m.result());
        } else if (decoded instanceof ResultDecoder.Malformed m) {
            ledger.readAndSettled(m.position());
            events.malformed(m.position(), m.why());
        } else if (decoded instanceof ResultDecoder.NotMine n) {
            ledger.readAndSettled(n.position());
            String warning = lineWatch.other(n.lineId());
            if (warning != null) {
                LOG.warn("Gate {}: {}", settings.line(), warning);
            }
        }
    }

    private void offerBacklog() {
        while (!backlog.isEmpty()) {
            GateResult r = backlog.peek();
            Handshake.Offer offer = handshake.offer(r);
            if (offer == Handshake.Offer.RING_FULL) {
                return;
            }
            backlog.poll();
            if (offer.settled()) {
                ledger.settled(r.position());
            }
        }
    }

    private void applyAcknowledgements() {
        AckRequest a;
        while ((a = acks.poll()) != null) {
            try {
                for (GateResult r : handshake.acknowledge(a.value())) {
                    ledger.settled(r.position());
                }
                awaitingCommit.add(a.done());
            } catch (BadAcknowledgeException e) {
                a.done().completeExceptionally(e);
            }
        }
    }

    /** Commits at once when a PLC waits for its acknowledgement, else at most once a second. */
    private void commit(boolean now) {
        Instant t = clock.instant();
        if (!now && awaitingCommit.isEmpty() && Duration.between(lastCommit, t).compareTo(IDLE_COMMIT_EVERY) < 0) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = ledger.toCommit();
        if (!offsets.isEmpty()) {
            consumer.commitSync(offsets, COMMIT_TIMEOUT);
            ledger.committed(offsets);
        }
        lastCommit = t;
        awaitingCommit.forEach(f -> f.complete(null));
        awaitingCommit.clear();
    }

    private void refreshLag() {
        Instant now = clock.instant();
        if (Duration.between(lastLagCheck, now).compareTo(LAG_EVERY) < 0) {
            return;
        }
        lastLagCheck = now;
        try {
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, LOOKUP_TIMEOUT);
            long total = 0;
            for (TopicPartition tp : partitions) {
                total += Math.max(0, ends.getOrDefault(tp, 0L) - consumer.position(tp, LOOKUP_TIMEOUT));
            }
            lag.set(total + backlog.size());
            handshake.brokerReachable(true);
        } catch (TimeoutException e) {
            handshake.brokerReachable(false);
        }
    }

    private void flowControl() {
        Set<TopicPartition> assigned = consumer.assignment();
        if (!paused && backlog.size() >= MAX_BACKLOG) {
            consumer.pause(assigned);
            paused = true;
        } else if (paused && backlog.size() < MAX_BACKLOG / 2) {
            consumer.resume(assigned);
            paused = false;
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The Modbus TCP port the PLC connects to. */
    public int port() {
        return server.port();
    }

    public Handshake handshake() {
        return handshake;
    }

    public EnumSet<StatusBit> status() {
        return handshake.status();
    }

    /** Results not yet read from Kafka plus those read and waiting for a slot. */
    public long lag() {
        return lag.get();
    }

    public GateSettings settings() {
        return settings;
    }

    /** Stops the PLC connection and the loop, committing what the PLC acknowledged. */
    @Override
    public void close() {
        stop(false);
    }

    /**
     * Stops like a crash: no last commit, pending acknowledgements fail. What the PLC saw confirmed
     * was committed already; the rest is presented again by the next gate.
     */
    public void halt() {
        stop(true);
    }

    private void stop(boolean crash) {
        if (!running) {
            return;
        }
        halted = crash;
        server.close();
        running = false;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(15).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("Gate for line {} stopped{}: {} results written, {} acknowledged this session", settings.line(),
                crash ? " without a last commit" : "", handshake.written(), handshake.acknowledged());
    }
}

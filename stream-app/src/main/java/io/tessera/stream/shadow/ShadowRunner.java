package io.tessera.stream.shadow;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tessera.model.TileBatch;
import io.tessera.protocol.FrameMetadata;
import io.tessera.protocol.StageLatency;
import io.tessera.protocol.TopicDescriptor;
import io.tessera.protocol.Verdict;
import io.tessera.stream.batch.DynamicBatcher;
import io.tessera.stream.config.ShadowSettings;
import io.tessera.stream.health.ShadowStatus;
import io.tessera.stream.health.ShadowStatus.Disagreement;
import io.tessera.stream.inspect.ServingModel;
import io.tessera.stream.inspect.ShadowLane;
import io.tessera.stream.inspect.TiledFrame;
import io.tessera.vision.FrameScore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores decided frames again with a shadow model, at lower priority than the live one: on its own
 * thread, in chunks of {@code model.shadow.chunk-tiles}, each started only while the live batcher is
 * idle, so a live batch waits at most for one chunk. A frame that finds
 * {@code model.shadow.max-waiting-frames} frames already waiting is skipped, never queued without
 * bound. Shadow verdicts go to {@code <prefix>verdicts.shadow} only, outside the app's transactions:
 * a frame processed again after a crash may get a second shadow verdict.
 * Meters: {@code tessera_shadow_frames_total{outcome=scored|skipped-busy|skipped-tiling|failed}},
 * {@code tessera_shadow_agreement_total{agree=true|false}},
 * {@code tessera_shadow_decisions_total{live,shadow}} (each pair of decisions) and {@code tessera_shadow_chunk_seconds}, the
 * duration of each shadow model call: the most a live batch can have waited for the shadow.
 */
public final class ShadowRunner implements ShadowLane, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ShadowRunner.class);
    private static final long IDLE_POLL_MS = 2;
    private static final int KEPT_DISAGREEMENTS = 20;
    /** A frame waiting longer than this for the live model to pause is given up. */
    private static final Duration GIVE_UP = Duration.ofSeconds(30);

    private record Job(ServingModel live, FrameMetadata meta, TiledFrame tiles, Verdict liveVerdict) {
    }

    private final ServingModel shadow;
    private final DynamicBatcher liveBatcher;
    private final ShadowSettings settings;
    private final TopicDescriptor<String, Verdict> topic;
    private final KafkaProducer<String, Verdict> producer;
    private final BlockingQueue<Job> waiting;
    private final Clock clock;
    private final Counter scored;
    private final Counter skippedBusy;
    private final Counter skippedTiling;
    private final Counter failed;
    private final Counter agree;
    private final Counter disagree;
    private final Timer chunks;
    private final MeterRegistry registry;
    private final Map<String, Long> byDecision = new ConcurrentSkipListMap<>();
    private final Thread thread;
    private final ArrayDeque<Disagreement> disagreements = new ArrayDeque<>();
    private volatile boolean running = true;

    public ShadowRunner(ServingModel shadow, DynamicBatcher liveBatcher, ShadowSettings settings, TopicDescriptor<String, Verdict> topic,
                        Properties producerProps, MeterRegistry registry, Clock clock) {
        this.shadow = shadow;
        this.liveBatcher = liveBatcher;
        this.settings = settings;
        this.topic = topic;
        this.clock = clock;
        this.registry = registry;
        this.waiting = new ArrayBlockingQueue<>(settings.maxWaitingFrames());
        Properties p = new Properties();
        p.putAll(producerProps);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        this.producer = new KafkaProducer<>(p, topic.keySerde().serializer(), topic.valueSerde().serializer());
        this.scored = frames(registry, "scored");
        this.skippedBusy = frames(registry, "skipped-busy");
        this.skippedTiling = frames(registry, "skipped-tiling");
        this.failed = frames(registry, "failed");
        this.agree = Counter.builder("tessera.shadow.agreement").tag("agree", "true")
                .description("Shadow verdicts with the live decision, or another").register(registry);
        this.disagree = Counter.builder("tessera.shadow.agreement").tag("agree", "false")
                .description("Shadow verdicts with the live decision, or another").register(registry);
        this.chunks = Timer.builder("tessera.shadow.chunk")
                .description("Shadow model calls: a live batch that arrives during one waits at most this long").register(registry);
        this.thread = new Thread(this::loop, "tessera-shadow");
        this.thread.setDaemon(true);
        this.thread.start();
        LOG.info("shadow model {} beside the live one; its verdicts go to {}", shadow, topic.name());
    }

    private static Counter frames(MeterRegistry registry, String outcome) {
        return Counter.builder("tessera.shadow.frames").tag("outcome", outcome)
                .description("Frames the shadow model scored, or skipped and why").register(registry);
    }

    @Override
    public void offer(ServingModel live, FrameMetadata meta, TiledFrame tiles, Verdict liveVerdict) {
        if (tiles.inputSize() != shadow.inputSize() || !live.tiling().equals(shadow.tiling())) {
            skippedTiling.increment();
            return;
        }
        if (!waiting.offer(new Job(live, meta, tiles, liveVerdict))) {
            skippedBusy.increment();
        }
    }

    private void loop() {
        while (running) {
            Job job;
            try {
                job = waiting.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (job != null) {
                try {
                    score(job);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    failed.increment();
                    LOG.warn("shadow model failed on {}/{} seq {}: {}", job.meta().lineId(), job.meta().cameraId(), job.meta().sequence(),
                            e.toString());
                }
            }
        }
    }

    private void score(Job job) throws InterruptedException {
        TiledFrame tiles = job.tiles();
        int n = tiles.count();
        int floats = tiles.inputSize() * tiles.inputSize() * 3;
        float[] probabilities = new float[n];
        Instant start = clock.instant();
        long waitNanos = 0;
        long inferNanos = 0;
        for (int from = 0; from < n; from += settings.chunkTiles()) {
            long waitStart = System.nanoTime();
            if (!awaitIdle()) {
                skippedBusy.increment();
                return;
            }
            long callStart = System.nanoTime();
            waitNanos += callStart - waitStart;
            int count = Math.min(settings.chunkTiles(), n - from);
            float[] chunk = new float[count * floats];
            System.arraycopy(tiles.pixels(), from * floats, chunk, 0, count * floats);
            float[] out = shadow.classifier().classify(new TileBatch(chunk, count, tiles.inputSize()));
            System.arraycopy(out, 0, probabilities, from, count);
            long callNanos = System.nanoTime() - callStart;
            chunks.record(callNanos, TimeUnit.NANOSECONDS);
            inferNanos += callNanos;
        }
        FrameScore score = FrameScore.aggregate(tiles.boxes(), probabilities, shadow.threshold());
        Instant decided = clock.instant();
        StageLatency latency = new StageLatency(ms(job.meta().captureTime(), start), 0, 0, waitNanos / 1e6, inferNanos / 1e6,
                ms(job.meta().captureTime(), decided));
        Verdict verdict = shadow.verdicts().decided(job.meta(), score, decided, latency);
        producer.send(new ProducerRecord<>(topic.name(), job.meta().cameraId(), verdict), (m, e) -> {
            if (e != null) {
                LOG.warn("cannot write a shadow verdict to {}: {}", topic.name(), e.toString());
            }
        });
        scored.increment();
        Verdict liveVerdict = job.liveVerdict();
        Counter.builder("tessera.shadow.decisions").tag("live", liveVerdict.decision().name()).tag("shadow", verdict.decision().name())
                .description("Frames the shadow scored, by the live model's decision and the shadow's").register(registry)
                .increment();
        byDecision.merge(liveVerdict.decision().name() + "->" + verdict.decision().name(), 1L, Long::sum);
        if (liveVerdict.decision() == verdict.decision()) {
            agree.increment();
        } else {
            disagree.increment();
            remember(new Disagreement(liveVerdict.lineId(), liveVerdict.cameraId(), liveVerdict.sequence(),
                    liveVerdict.decision().name(), liveVerdict.defectScore(), verdict.decision().name(), verdict.defectScore(),
                    decided.toEpochMilli(), verdict));
        }
    }

    private synchronized void remember(Disagreement d) {
        disagreements.addFirst(d);
        while (disagreements.size() > KEPT_DISAGREEMENTS) {
            disagreements.removeLast();
        }
    }

    /** Figures since the start, for the dashboard. */
    public synchronized ShadowStatus status() {
        double agreed = agree.count();
        double total = agreed + disagree.count();
        return new ShadowStatus(shadow.card().name(), shadow.version(), shadow.threshold(), Math.round(scored.count()),
                Math.round(skippedBusy.count()), Math.round(skippedTiling.count()), total == 0 ? null : agreed / total,
                Map.copyOf(byDecision), List.copyOf(disagreements));
    }

    /** Waits until the live model pauses; false when it did not within {@link #GIVE_UP}. */
    private boolean awaitIdle() throws InterruptedException {
        long giveUp = System.nanoTime() + GIVE_UP.toNanos();
        while (!liveBatcher.idle()) {
            if (!running || System.nanoTime() > giveUp) {
                return false;
            }
            Thread.sleep(IDLE_POLL_MS);
        }
        return true;
    }

    private static double ms(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e6;
    }

    /** Stops the shadow thread, flushes its verdicts and closes the shadow model. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
        shadow.classifier().close();
    }
}

package io.tessera.stream.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.tessera.model.ModelCard;
import io.tessera.model.ServingPrecision;
import io.tessera.model.Ticker;
import io.tessera.model.TileClassifier;
import io.tessera.stream.admission.AdmissionControl;
import io.tessera.stream.admission.ModelTimePerTile;
import io.tessera.stream.batch.BatchObserver;
import io.tessera.stream.batch.DynamicBatcher;
import io.tessera.stream.config.StreamAppConfig;
import io.tessera.stream.health.AppStatus;
import io.tessera.stream.health.Health;
import io.tessera.stream.health.HealthCheck;
import io.tessera.stream.metrics.InspectionMetrics;
import io.tessera.stream.topology.InspectionTopology;
import io.tessera.vision.TilingSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running inspection app: the classifier, the one shared batcher, and Kafka Streams on the
 * topology. Started and closed as a unit, in order (streams first, so no thread is left waiting
 * on a closed batcher; the model last). The {@code inspect} command, the benchmark and the demo
 * run it in-process.
 */
public final class InspectionService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InspectionService.class);

    /** A passing fault (a broker hiccup) is cured by a new thread; five in ten minutes is not passing. */
    private static final int MAX_THREAD_REPLACEMENTS = 5;
    private static final Duration THREAD_REPLACEMENT_WINDOW = Duration.ofMinutes(10);

    private final StreamAppConfig config;
    private final TileClassifier classifier;
    private final DynamicBatcher batcher;
    private final InspectionMetrics metrics;
    private final KafkaStreams streams;
    private final KafkaStreamsMetrics streamsMetrics;
    private final TilingSpec tiling;
    private final CountDownLatch running = new CountDownLatch(1);
    private final CountDownLatch failed = new CountDownLatch(1);
    private final ThreadFailurePolicy threadFailures;
    private volatile boolean closing;

    /** The thread that loaded the model and serves it (the batcher's worker), or null when the batcher has its own. */
    private final ExecutorService servingThread;

    private InspectionService(StreamAppConfig config, TileClassifier classifier, MeterRegistry registry, Clock clock,
            ExecutorService servingThread) {
        this.config = config;
        this.classifier = classifier;
        this.servingThread = servingThread;
        this.metrics = new InspectionMetrics(registry);
        ModelCard card = classifier.card();
        this.tiling = config.tiling().resolve(card);
        ModelTimePerTile modelTime = new ModelTimePerTile(config.admission().smoothing());
        this.batcher = new DynamicBatcher(classifier, config.batch(), tiling.inputSize(), clock, Ticker.systemTicker(),
                BatchObserver.both(metrics, modelTime), servingThread);
        this.metrics.watchQueue(batcher::queued);
        this.metrics.modelInfo(card.name(), card.version(), classifier.servingPrecision());
        AdmissionControl admission = new AdmissionControl(config.admission(), config.batch().maxWait(), modelTime,
                batcher::backlog, metrics, clock);
        InspectionTopology builder = new InspectionTopology(config, card, batcher, admission, metrics, clock);
        Topology topology = builder.build();
        LOG.info("model {} {} threshold {}; tiling {}; batches up to {} tiles, {} ms wait; budget {} ms; topology:\n{}",
                card.name(), card.version(), config.threshold(card), tiling, config.batch().maxSize(),
                config.batch().maxWait().toMillis(), config.budget().toMillis(), topology.describe());
        this.threadFailures = new ThreadFailurePolicy(MAX_THREAD_REPLACEMENTS, THREAD_REPLACEMENT_WINDOW, clock);
        this.streams = new KafkaStreams(topology, builder.streamsProperties());
        this.streams.setStateListener((now, before) -> {
            LOG.info("Kafka Streams {} -> {}", before, now);
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            } else if (now == KafkaStreams.State.ERROR) {
                failed.countDown();
            }
        });
        this.streams.setUncaughtExceptionHandler(e -> {
            if (closing) {
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            }
            // Under exactly-once the thread's open transaction is aborted and its frames are
            // processed again by the replacement: nothing is lost, nothing doubled.
            ThreadFailurePolicy.Decision decision = threadFailures.onFailure(e);
            if (decision.response() == StreamThreadExceptionResponse.REPLACE_THREAD) {
                LOG.error("stream thread failed; replacing it ({})", decision.why(), e);
            } else {
                LOG.error("stream thread failed; stopping the inspection app: {}", decision.why(), e);
            }
            return decision.response();
        });
        this.streamsMetrics = new KafkaStreamsMetrics(streams);
        this.streamsMetrics.bindTo(registry);
    }

    /**
     * Starts the app. Takes ownership of {@code classifier}: it is closed with the service.
     *
     * @param registry where the meters go (Prometheus in production)
     * @param clock    decides lateness, decision times and latencies
     */
    public static InspectionService start(StreamAppConfig config, TileClassifier classifier, MeterRegistry registry,
            Clock clock) {
        return start(config, classifier, registry, clock, null);
    }

    /**
     * Loads the model of {@code config} with {@code classifiers} on a thread of its own, which then
     * serves it as the batcher's worker: the precision self-check measures the model on the very
     * thread that will run it, as the batch shapes TensorFlow prepares on first use are.
     *
     * @throws IllegalArgumentException as {@link ClassifierFactory#load} does (a missing model, a
     *     precision that fails its check), before anything else starts
     */
    public static InspectionService start(StreamAppConfig config, ClassifierFactory classifiers, MeterRegistry registry,
            Clock clock) throws InterruptedException {
        ServingThread serving = ServingThread.load(classifiers, ModelRequest.of(config));
        return start(config, serving.classifier(), registry, clock, serving.executor());
    }

    private static InspectionService start(StreamAppConfig config, TileClassifier classifier, MeterRegistry registry,
            Clock clock, ExecutorService servingThread) {
        InspectionService service;
        try {
            service = new InspectionService(config, classifier, registry, clock, servingThread);
        } catch (RuntimeException e) {
            classifier.close();
            if (servingThread != null) {
                servingThread.shutdownNow();
            }
            throw e;
        }
        service.streams.start();
        return service;
    }

    /** Waits until Kafka Streams runs (partitions assigned); false on timeout or error. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (running.await(100, TimeUnit.MILLISECONDS)) {
                return true;
            }
            if (failed.getCount() == 0) {
                return false;
            }
        }
        return false;
    }

    /** Blocks until the app fails (state ERROR) or the thread is interrupted. */
    public void awaitFailure() throws InterruptedException {
        failed.await();
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    public KafkaStreams streams() {
        return streams;
    }

    /** The served model, called through the batcher on its serving thread; closed with this service. */
    public TileClassifier servedModel() {
        return new BatchedClassifier(batcher, classifier);
    }

    public ModelCard card() {
        return classifier.card();
    }

    public TilingSpec tiling() {
        return tiling;
    }

    public StreamAppConfig config() {
        return config;
    }

    /** Health from Kafka Streams' state, the batcher and the model, and the precision served: for /healthz and the dashboard. */
    public AppStatus status() {
        return new AppStatus() {
            @Override
            public Health health() {
                return HealthCheck.of(streams.state(), batcher.health(), batcher.gaveUp(), classifier.card().name(),
                        classifier.servingPrecision());
            }

            @Override
            public ServingPrecision serving() {
                return classifier.servingPrecision();
            }
        };
    }

    public InspectionMetrics metrics() {
        return metrics;
    }

    @Override
    public void close() {
        closing = true;
        LOG.info("closing: Kafka Streams, then the batcher, then the model");
        try {
            streams.close(Duration.ofSeconds(60));
        } finally {
            streamsMetrics.close();
            batcher.close();
            if (servingThread != null) {
                servingThread.shutdownNow();
            }
            classifier.close();
        }
    }
}

package io.tessera.stream.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.tessera.model.ModelCard;
import io.tessera.model.ServingPrecision;
import io.tessera.model.Ticker;
import io.tessera.model.TileClassifier;
import io.tessera.stream.admission.AdmissionControl;
import io.tessera.stream.admission.ModelCallCost;
import io.tessera.stream.batch.BatchObserver;
import io.tessera.stream.batch.DynamicBatcher;
import io.tessera.protocol.ModelDeployment;
import io.tessera.protocol.ModelTopics;
import io.tessera.stream.config.StreamAppConfig;
import io.tessera.stream.deploy.ModelDeployments;
import io.tessera.stream.health.AppStatus;
import io.tessera.stream.health.Health;
import io.tessera.stream.health.HealthCheck;
import io.tessera.stream.health.ShadowStatus;
import io.tessera.stream.inspect.LiveModel;
import io.tessera.stream.inspect.ServingModel;
import io.tessera.stream.inspect.ShadowLane;
import io.tessera.stream.shadow.ShadowRunner;
import io.tessera.stream.metrics.InspectionMetrics;
import io.tessera.stream.topology.InspectionTopology;
import io.tessera.vision.TilingSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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
    /** How long the start waits for the control topic before it serves model.path. */
    private static final Duration DEPLOYMENT_LOOKUP = Duration.ofSeconds(10);
    private static final Duration THREAD_REPLACEMENT_WINDOW = Duration.ofMinutes(10);

    private final StreamAppConfig config;
    private final LiveModel live;
    private final DynamicBatcher batcher;
    private final InspectionMetrics metrics;
    private final KafkaStreams streams;
    private final KafkaStreamsMetrics streamsMetrics;
    private final CountDownLatch running = new CountDownLatch(1);
    private final CountDownLatch failed = new CountDownLatch(1);
    private final ThreadFailurePolicy threadFailures;
    private volatile boolean closing;
    private volatile ModelDeployments deployments;
    private final ShadowRunner shadow;

    /** The thread that loaded the model and serves it (the batcher's worker), or null when the batcher has its own. */
    private final ExecutorService servingThread;

    private InspectionService(StreamAppConfig config, ServingModel first, ServingModel shadowModel, MeterRegistry registry,
            Clock clock, ExecutorService servingThread) {
        this.config = config;
        this.live = new LiveModel(first);
        this.servingThread = servingThread;
        this.metrics = new InspectionMetrics(registry);
        ModelCallCost modelCost = new ModelCallCost(config.admission().smoothing());
        this.batcher = new DynamicBatcher(first.classifier(), config.batch(), first.inputSize(), clock, Ticker.systemTicker(),
                BatchObserver.both(metrics, modelCost), servingThread);
        this.metrics.watchQueue(batcher::queued);
        this.metrics.modelInfo(first.card().name(), first.version(), first.classifier().servingPrecision());
        live.onSwap(m -> metrics.modelInfo(m.card().name(), m.version(), m.classifier().servingPrecision()));
        AdmissionControl admission = new AdmissionControl(config.admission(), config.batch(), modelCost,
                batcher::backlog, metrics, clock);
        this.shadow = shadowModel == null ? null : new ShadowRunner(shadowModel, batcher, config.shadow(),
                ModelTopics.withPrefix(config.topicPrefix()).shadowVerdicts(), config.clientProperties(), registry, clock);
        InspectionTopology builder = new InspectionTopology(config, live, batcher, admission, metrics, clock,
                shadow == null ? ShadowLane.NONE : shadow);
        Topology topology = builder.build();
        LOG.info("model {}; batches up to {} tiles, {} ms wait; budget {} ms; topology:\n{}", first, config.batch().maxSize(),
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
        ExecutorService serving = ServingThread.newExecutor();
        ServingModel first;
        ModelDeployment deployed;
        try {
            // model.path first: a bad model or precision stops the start at once, broker or not
            first = ServingThread.call(serving, () -> configuredModel(config, classifiers));
            deployed = ModelDeployments.active(config, DEPLOYMENT_LOOKUP).orElse(null);
            if (deployed != null) {
                ServingModel configured = first;
                first = ServingThread.call(serving, () -> deployedOr(configured, config, classifiers, deployed));
            }
        } catch (RuntimeException | Error | InterruptedException e) {
            serving.shutdownNow();
            throw e;
        }
        ServingModel shadowModel = null;
        if (config.shadow().enabled()) {
            try {
                shadowModel = shadowModel(config, classifiers, first);
            } catch (RuntimeException e) {
                first.classifier().close();
                serving.shutdownNow();
                throw e;
            }
        }
        ModelDeployment servingNow = first.checksum() != null ? deployed : null;
        InspectionService service = start(config, first, shadowModel, registry, clock, serving);
        try {
            service.deployments = ModelDeployments.start(config, instanceId(), service.live, classifiers, registry, clock, servingNow);
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
        return service;
    }

    private static ServingModel configuredModel(StreamAppConfig config, ClassifierFactory classifiers) {
        TileClassifier classifier = classifiers.load(ModelRequest.of(config));
        ModelCard card = classifier.card();
        return ServingModel.of(1, classifier, config.tiling().resolve(card), config.threshold(card), config.thresholdSource(), null,
                config.reducedDecode());
    }

    /** The model deployed on the control topic when it loads here (then {@code configured} is closed), else {@code configured}. */
    private static ServingModel deployedOr(ServingModel configured, StreamAppConfig config, ClassifierFactory classifiers,
            ModelDeployment deployed) {
        try {
            ServingModel model = ModelDeployments.load(config, classifiers, deployed, 1);
            LOG.info("serving the deployed model {} {} from {} (control topic), not model.path", deployed.name(), deployed.version(),
                    deployed.modelPath());
            configured.classifier().close();
            return model;
        } catch (RuntimeException e) {
            LOG.error("the deployed model {} {} does not load here ({}); serving model.path {} instead", deployed.name(),
                    deployed.version(), e.getMessage(), config.modelPath());
            return configured;
        }
    }

    /** The shadow candidate of model.shadow.*, which must tile frames like the live model. */
    private static ServingModel shadowModel(StreamAppConfig config, ClassifierFactory classifiers, ServingModel live) {
        TileClassifier classifier = classifiers.load(new ModelRequest(config.shadow().modelPath(), config.precision(),
                List.of(1, config.shadow().chunkTiles()), "model.shadow.path"));
        ModelCard card = classifier.card();
        TilingSpec tiling = config.tiling().resolve(card);
        if (!tiling.equals(live.tiling())) {
            classifier.close();
            throw new IllegalArgumentException("model.shadow.path: the shadow " + card.name() + " " + card.version() + " tiles frames as "
                    + tiling + ", the live model as " + live.tiling() + "; a shadow is scored on the live model's tiles");
        }
        double threshold = config.shadow().threshold() != null ? config.shadow().threshold() : card.threshold();
        return ServingModel.of(0, classifier, tiling, threshold, null, config.reducedDecode());
    }

    /** The global store of taught thresholds needs its topic; a failure here is Streams' to report when it starts. */
    private static void ensureThresholdsTopic(StreamAppConfig config) {
        try {
            TopicProvisioner.ensureThresholdsTopic(config);
        } catch (IllegalStateException e) {
            LOG.warn("{}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the thresholds topic", e);
        }
    }

    /** This instance on the status topic: host and process. */
    private static String instanceId() {
        return ProcessHandle.current().pid() + "@" + hostName();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    private static InspectionService start(StreamAppConfig config, TileClassifier classifier, MeterRegistry registry,
            Clock clock, ExecutorService servingThread) {
        ModelCard card = classifier.card();
        return start(config, ServingModel.of(1, classifier, config.tiling().resolve(card), config.threshold(card), config.thresholdSource(), null,
                config.reducedDecode()), null, registry, clock, servingThread);
    }

    private static InspectionService start(StreamAppConfig config, ServingModel first, ServingModel shadowModel,
            MeterRegistry registry, Clock clock, ExecutorService servingThread) {
        InspectionService service;
        try {
            ensureThresholdsTopic(config);
            service = new InspectionService(config, first, shadowModel, registry, clock, servingThread);
        } catch (RuntimeException e) {
            first.classifier().close();
            if (shadowModel != null) {
                shadowModel.classifier().close();
            }
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

    /** The model served now, called through the batcher on its serving thread; closed with this service. */
    public TileClassifier servedModel() {
        return new BatchedClassifier(batcher, live.current().classifier());
    }

    /** The card of the model served now. */
    public ModelCard card() {
        return live.current().card();
    }

    /** The tiling of the model served now. */
    public TilingSpec tiling() {
        return live.current().tiling();
    }

    /** The model served now, swapped by deployments. */
    public LiveModel live() {
        return live;
    }

    public StreamAppConfig config() {
        return config;
    }

    /** Health from Kafka Streams' state, the batcher and the model, and the precision served: for /healthz and the dashboard. */
    public AppStatus status() {
        return new AppStatus() {
            @Override
            public Health health() {
                ServingModel now = live.current();
                return HealthCheck.of(streams.state(), batcher.health(), batcher.gaveUp(), now.card().name(),
                        now.classifier().servingPrecision());
            }

            @Override
            public ServingPrecision serving() {
                return live.current().classifier().servingPrecision();
            }

            @Override
            public Optional<ShadowStatus> shadow() {
                return shadow == null ? Optional.empty() : Optional.of(shadow.status());
            }
        };
    }

    public InspectionMetrics metrics() {
        return metrics;
    }

    @Override
    public void close() {
        closing = true;
        LOG.info("closing: deployments, Kafka Streams, then the batcher, then the model");
        try {
            if (deployments != null) {
                deployments.close();
            }
            streams.close(Duration.ofSeconds(60));
        } finally {
            if (shadow != null) {
                shadow.close();
            }
            streamsMetrics.close();
            batcher.close();
            if (servingThread != null) {
                servingThread.shutdownNow();
            }
            live.close();
        }
    }
}

package io.tessera.stream.deploy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tessera.model.ModelCard;
import io.tessera.model.TileBatch;
import io.tessera.model.TileClassifier;
import io.tessera.protocol.DeploymentStatus;
import io.tessera.protocol.ModelDeployment;
import io.tessera.protocol.ModelTopics;
import io.tessera.stream.app.ClassifierFactory;
import io.tessera.stream.app.ModelRequest;
import io.tessera.stream.config.StreamAppConfig;
import io.tessera.stream.inspect.LiveModel;
import io.tessera.stream.inspect.ServingModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys without a restart: follows this application's record on the {@code <prefix>models}
 * control topic and, when it names another model, loads that model in the background, checks it
 * (checksum, signature and card, the precision self-check on its reference tiles), warms it at the
 * batch sizes the app runs, and swaps it in between frames ({@link LiveModel#swap}). A deploy that
 * fails leaves the current model serving; either way the instance reports on
 * {@code <prefix>models.status}, the log and {@code tessera_model_deploys_total{outcome}}.
 * Records that arrive while a model loads wait, and only the newest of them is loaded next ({@link NewestOnly}).
 */
public final class ModelDeployments implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelDeployments.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final StreamAppConfig config;
    private final String instance;
    private final LiveModel live;
    private final ClassifierFactory classifiers;
    private final Clock clock;
    private final ModelTopics topics;
    private final KafkaConsumer<String, ModelDeployment> consumer;
    private final KafkaProducer<String, DeploymentStatus> producer;
    private final ExecutorService loader;
    private final Thread watcher;
    private final AtomicReference<ModelDeployment> serving = new AtomicReference<>();
    private final NewestOnly<ModelDeployment> deployments;
    private final AtomicLong generations;
    private final Counter served;
    private final Counter failed;
    private volatile boolean running = true;

    /**
     * @param servingNow the deployment the current model came from; null when it came from model.path
     */
    private ModelDeployments(StreamAppConfig config, String instance, LiveModel live, ClassifierFactory classifiers,
                             MeterRegistry registry, Clock clock, ModelDeployment servingNow) {
        this.config = config;
        this.instance = instance;
        this.live = live;
        this.classifiers = classifiers;
        this.clock = clock;
        this.topics = ModelTopics.withPrefix(config.topicPrefix());
        this.serving.set(servingNow);
        this.generations = new AtomicLong(live.current().generation());
        this.consumer = new KafkaConsumer<>(consumerProps(config, "deployments"), topics.deployments().keySerde().deserializer(),
                topics.deployments().valueSerde().deserializer());
        Properties p = clientProps(config, "deploy-status");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(p, topics.status().keySerde().serializer(), topics.status().valueSerde().serializer());
        this.served = Counter.builder("tessera.model.deploys").tag("outcome", "served")
                .description("Model deployments this instance switched to, or refused").register(registry);
        this.failed = Counter.builder("tessera.model.deploys").tag("outcome", "failed")
                .description("Model deployments this instance switched to, or refused").register(registry);
        this.loader = Executors.newSingleThreadExecutor(r -> daemon(r, "tessera-model-loader"));
        this.deployments = new NewestOnly<>(loader, this::deploy);
        this.watcher = daemon(this::watch, "tessera-model-deployments");
    }

    /** Starts following the control topic of {@code config}'s application. */
    public static ModelDeployments start(StreamAppConfig config, String instance, LiveModel live, ClassifierFactory classifiers,
                                         MeterRegistry registry, Clock clock, ModelDeployment servingNow) {
        ModelDeployments d = new ModelDeployments(config, instance, live, classifiers, registry, clock, servingNow);
        d.watcher.start();
        return d;
    }

    /**
     * This application's deployment on the control topic, read to its end; empty when there is none
     * or the topic does not exist (then the app serves model.path).
     */
    public static Optional<ModelDeployment> active(StreamAppConfig config, Duration timeout) {
        try {
            return readActive(config, timeout);
        } catch (RuntimeException e) {
            LOG.warn("cannot read {} ({}); serving model.path", ModelTopics.withPrefix(config.topicPrefix()).deployments().name(),
                    e.toString());
            return Optional.empty();
        }
    }

    /** As {@link #active}, but a broker that does not answer is an error. */
    static Optional<ModelDeployment> readActive(StreamAppConfig config, Duration timeout) {
        ModelTopics topics = ModelTopics.withPrefix(config.topicPrefix());
        try (KafkaConsumer<String, ModelDeployment> c = new KafkaConsumer<>(consumerProps(config, "deployments-start"),
                topics.deployments().keySerde().deserializer(), topics.deployments().valueSerde().deserializer())) {
            List<TopicPartition> parts = partitions(c, topics.deployments().name(), timeout);
            if (parts.isEmpty()) {
                return Optional.empty();
            }
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> ends = c.endOffsets(parts, timeout);
            ModelDeployment latest = null;
            long giveUp = System.nanoTime() + timeout.toNanos();
            while (ends.entrySet().stream().anyMatch(e -> c.position(e.getKey()) < e.getValue()) && System.nanoTime() < giveUp) {
                for (ConsumerRecord<String, ModelDeployment> r : c.poll(POLL)) {
                    if (config.applicationId().equals(r.key()) && r.value() != null) {
                        latest = r.value();
                    }
                }
            }
            return Optional.ofNullable(latest);
        }
    }

    /** Loads {@code deployment} on the calling thread: checked, warmed, ready to serve. */
    public static ServingModel load(StreamAppConfig config, ClassifierFactory classifiers, ModelDeployment deployment, long generation) {
        Path dir = Path.of(deployment.modelPath());
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("model folder " + dir + " does not exist on this instance");
        }
        String checksum = ModelChecksum.of(dir);
        if (!checksum.equals(deployment.checksum())) {
            throw new IllegalArgumentException("model folder " + dir + " has checksum " + checksum + ", the deployment says "
                    + deployment.checksum() + ": the folder changed after it was deployed");
        }
        ModelRequest request = new ModelRequest(dir, config.precision(), List.of(1, config.batch().minEfficientSize(),
                config.batch().maxSize()), "model.precision (the precision every model of this app is served at)");
        TileClassifier classifier = classifiers.load(request);
        try {
            ModelCard card = classifier.card();
            double threshold = deployment.threshold() != null ? deployment.threshold() : card.threshold();
            ServingModel model = ServingModel.of(generation, classifier, config.tiling().resolve(card), threshold, checksum,
                    config.reducedDecode());
            warm(model, request.checkBatchSizes());
            return model;
        } catch (RuntimeException e) {
            classifier.close();
            throw e;
        }
    }

    /** Runs the model once at each batch size it will serve, so the first frames after the swap do not pay for it. */
    private static void warm(ServingModel model, List<Integer> batchSizes) {
        int size = model.inputSize();
        for (int n : batchSizes) {
            float[] out = model.classifier().classify(new TileBatch(new float[n * size * size * 3], n, size));
            for (float p : out) {
                if (!(p >= 0 && p <= 1)) {
                    throw new IllegalArgumentException("model " + model + " gives " + p + " on a blank tile at batch " + n);
                }
            }
        }
    }

    private void watch() {
        try {
            List<TopicPartition> parts = List.of();
            while (running && parts.isEmpty()) {
                parts = partitions(consumer, topics.deployments().name(), Duration.ofSeconds(5));
                if (parts.isEmpty()) {
                    sleep(Duration.ofSeconds(5)); // no control topic yet: nothing was ever deployed
                }
            }
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            while (running) {
                ModelDeployment newest = null;
                for (ConsumerRecord<String, ModelDeployment> r : consumer.poll(POLL)) {
                    if (config.applicationId().equals(r.key()) && r.value() != null) {
                        newest = r.value();
                    }
                }
                if (newest != null && !newest.sameModelAs(serving.get())) {
                    offer(newest);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("following {} stopped: {}; deploys reach this instance again after a restart", topics.deployments().name(),
                    e.toString());
        } finally {
            consumer.close();
        }
    }

    private void offer(ModelDeployment deployment) {
        if (!deployments.offer(deployment)) {
            LOG.info("deployment of {} {} waits for the one loading now (of those that wait, only the newest loads)",
                    deployment.name(), deployment.version());
        }
    }

    private void deploy(ModelDeployment d) {
        if (d.sameModelAs(serving.get())) {
            return;
        }
        try {
            LOG.info("deploying {} {} from {} ({})", d.name(), d.version(), d.modelPath(), d.checksum());
            ServingModel model = load(config, classifiers, d, generations.incrementAndGet());
            live.swap(model);
            serving.set(d);
            served.increment();
            report(d, DeploymentStatus.SERVING, null);
        } catch (RuntimeException e) {
            failed.increment();
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            LOG.error("deployment of {} {} refused, still serving {}: {}", d.name(), d.version(), live.current(), reason);
            report(d, DeploymentStatus.FAILED, reason);
        }
    }

    private void report(ModelDeployment d, String state, String reason) {
        DeploymentStatus status = new DeploymentStatus(config.applicationId(), instance, d.version(), d.checksum(), state, reason,
                live.current().version(), clock.instant());
        producer.send(new ProducerRecord<>(topics.status().name(), config.applicationId() + "/" + instance, status), (m, e) -> {
            if (e != null) {
                LOG.warn("cannot report the deployment status to {}: {}", topics.status().name(), e.toString());
            }
        });
        producer.flush();
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> c, String topic, Duration timeout) {
        List<TopicPartition> out = new ArrayList<>();
        Map<String, List<PartitionInfo>> all = c.listTopics(timeout);
        for (PartitionInfo p : all.getOrDefault(topic, List.of())) {
            out.add(new TopicPartition(p.topic(), p.partition()));
        }
        return out;
    }

    private static Properties clientProps(StreamAppConfig config, String role) {
        Properties p = config.clientProperties();
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, config.applicationId() + "-" + role);
        return p;
    }

    private static Properties consumerProps(StreamAppConfig config, String role) {
        Properties p = clientProps(config, role);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return p;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            watcher.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        loader.shutdownNow();
        producer.close(Duration.ofSeconds(5));
    }
}

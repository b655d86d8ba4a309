package io.tessera.stream.deploy;

import io.tessera.model.ModelCard;
import io.tessera.model.TileClassifier;
import io.tessera.protocol.ModelDeployment;
import io.tessera.protocol.ModelTopics;
import io.tessera.stream.app.ClassifierFactory;
import io.tessera.stream.app.ModelRequest;
import io.tessera.stream.config.StreamAppConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Writes deployments: checks a model folder the way an instance will (card, SavedModel signature,
 * the precision self-check on its reference tiles, the checksum) and only then puts its record on
 * the compacted control topic, with the record it replaces kept for {@link #rollback}.
 */
public final class ModelDeployer {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final StreamAppConfig config;
    private final ClassifierFactory classifiers;
    private final Clock clock;
    private final ModelTopics topics;

    /** @param config bootstrap servers, security settings and topic prefix of the site; its application id is the target */
    public ModelDeployer(StreamAppConfig config, ClassifierFactory classifiers, Clock clock) {
        this.config = config;
        this.classifiers = classifiers;
        this.clock = clock;
        this.topics = ModelTopics.withPrefix(config.topicPrefix());
    }

    /**
     * Checks {@code dir} and deploys it to {@code config}'s application.
     *
     * @param threshold the threshold to serve with; null for the card's
     * @throws IllegalArgumentException naming what is wrong with the folder; nothing is written then
     */
    public ModelDeployment deploy(Path dir, Double threshold) {
        Path abs = dir.toAbsolutePath().normalize();
        if (!Files.isRegularFile(abs.resolve("saved_model.pb")) || !Files.isRegularFile(abs.resolve(ModelCard.FILE_NAME))) {
            throw new IllegalArgumentException("--model " + dir + ": not a model folder (needs saved_model.pb and "
                    + ModelCard.FILE_NAME + ")");
        }
        if (threshold != null && !(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("--threshold must be within (0, 1), got " + threshold);
        }
        String checksum = ModelChecksum.of(abs);
        ModelCard card;
        try (TileClassifier model = classifiers.load(new ModelRequest(abs, config.precision(),
                List.of(1, config.batch().minEfficientSize(), config.batch().maxSize()), "--precision"))) {
            card = model.card();
        }
        if (!checksum.equals(ModelChecksum.of(abs))) {
            throw new IllegalArgumentException("--model " + dir + " changed while it was checked; deploy it again");
        }
        ModelDeployment previous = current().map(ModelDeployment::withoutPrevious).orElse(null);
        ModelDeployment next = new ModelDeployment(config.applicationId(), abs.toString(), card.name(), card.version(), checksum,
                threshold, clock.instant(), previous);
        write(next);
        return next;
    }

    /** Deploys again the model the current deployment replaced. */
    public ModelDeployment rollback() {
        ModelDeployment now = current().orElseThrow(() -> new IllegalArgumentException(
                "nothing is deployed to application " + config.applicationId() + " on " + topics.deployments().name()));
        ModelDeployment back = now.previous();
        if (back == null) {
            throw new IllegalArgumentException("the deployment of " + now.name() + " " + now.version() + " to "
                    + config.applicationId() + " replaced no earlier deployment: nothing to roll back to (deploy a model instead)");
        }
        ModelDeployment next = new ModelDeployment(back.applicationId(), back.modelPath(), back.name(), back.version(), back.checksum(),
                back.threshold(), clock.instant(), now.withoutPrevious());
        write(next);
        return next;
    }

    /** The application's deployment now, if any. */
    public Optional<ModelDeployment> current() {
        try {
            return ModelDeployments.readActive(config, TIMEOUT);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot read " + topics.deployments().name() + " at " + config.bootstrapServers()
                    + " (kafka.bootstrap.servers): " + e.getMessage(), e);
        }
    }

    private void write(ModelDeployment deployment) {
        createTopics();
        Properties p = config.clientProperties();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        try (KafkaProducer<String, ModelDeployment> producer = new KafkaProducer<>(p, topics.deployments().keySerde().serializer(),
                topics.deployments().valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topics.deployments().name(), deployment.applicationId(), deployment))
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot write the deployment to " + topics.deployments().name() + " at "
                    + config.bootstrapServers() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the deployment", e);
        }
    }

    /** The control topics, compacted: only each application's latest record matters. */
    private void createTopics() {
        Properties p = config.clientProperties();
        try (Admin admin = Admin.create(p)) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            for (String name : List.of(topics.deployments().name(), topics.status().name())) {
                if (!existing.contains(name)) {
                    try {
                        admin.createTopics(List.of(new NewTopic(name, Optional.of(1), Optional.empty())
                                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                                .all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw e;
                        }
                    }
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create " + topics.deployments().name() + " at " + config.bootstrapServers()
                    + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the control topics", e);
        }
    }
}

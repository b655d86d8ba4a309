package io.tessera.stream.topology;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tessera.protocol.Alert;
import io.tessera.protocol.CameraThreshold;
import io.tessera.protocol.ModelTopics;
import io.tessera.protocol.Topics;
import io.tessera.protocol.Verdict;
import io.tessera.stream.admission.AdmissionControl;
import io.tessera.stream.admission.ModelCallCost;
import io.tessera.stream.batch.BatchObserver;
import io.tessera.stream.batch.DynamicBatcher;
import io.tessera.stream.config.ConfigLoader;
import io.tessera.stream.config.StreamAppConfig;
import io.tessera.stream.metrics.InspectionMetrics;
import io.tessera.testing.BrightnessClassifier;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** The real topology, built by {@link InspectionTopology}, in a TopologyTestDriver with a stand-in model. */
final class TopologyHarness implements AutoCloseable {
    static final Instant NOW = Instant.parse("2026-11-28T03:00:00Z");

    final StreamAppConfig config;
    final BrightnessClassifier classifier;
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final InspectionMetrics metrics = new InspectionMetrics(registry);
    final DynamicBatcher batcher;
    final InspectionTopology topology;
    final TopologyTestDriver driver;
    final TestInputTopic<String, byte[]> frames;
    final TestOutputTopic<String, Verdict> verdicts;
    final TestOutputTopic<String, Alert> alerts;
    final TestOutputTopic<String, byte[]> deadLetters;
    final TestInputTopic<String, CameraThreshold> thresholds;

    TopologyHarness(Map<String, String> overrides) {
        this(overrides, BrightnessClassifier.standard());
    }

    TopologyHarness(Map<String, String> overrides, BrightnessClassifier classifier) {
        Map<String, String> settings = new HashMap<>();
        settings.put("kafka.bootstrap.servers", "unused:9092");
        settings.put("batch.max-wait-ms", "0");
        settings.putAll(overrides);
        this.config = ConfigLoader.withOverrides(settings);
        this.classifier = classifier;
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        int inputSize = config.tiling().resolve(classifier.card()).inputSize();
        ModelCallCost modelCost = new ModelCallCost(config.admission().smoothing());
        this.batcher = new DynamicBatcher(classifier, config.batch(), inputSize, clock, BatchObserver.both(metrics, modelCost));
        this.topology = new InspectionTopology(config, classifier.card(), batcher, new AdmissionControl(config.admission(),
                config.batch(), modelCost, batcher::backlog, metrics, clock), metrics, clock);
        this.driver = new TopologyTestDriver(topology.build(), topology.streamsProperties(), NOW);
        Topics topics = config.topics();
        this.frames = driver.createInputTopic(topics.frames().name(), new StringSerializer(), new ByteArraySerializer());
        this.verdicts = driver.createOutputTopic(topics.verdicts().name(), new StringDeserializer(),
                topics.verdicts().valueSerde().deserializer());
        this.alerts = driver.createOutputTopic(topics.alerts().name(), new StringDeserializer(),
                topics.alerts().valueSerde().deserializer());
        this.deadLetters = driver.createOutputTopic(topics.deadLetters().name(), new StringDeserializer(),
                new ByteArrayDeserializer());
        var taught = ModelTopics.withPrefix(config.topicPrefix()).thresholds();
        this.thresholds = driver.createInputTopic(taught.name(), taught.keySerde().serializer(), taught.valueSerde().serializer());
    }

    void send(String key, byte[] value, Headers headers) {
        frames.pipeInput(new TestRecord<>(key, value, headers, NOW));
    }

    double count(String name, String... tags) {
        var search = registry.find(InspectionMetrics.PREFIX + name);
        if (tags.length > 0) {
            search = search.tags(tags);
        }
        return search.counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Override
    public void close() {
        driver.close();
        batcher.close();
    }
}

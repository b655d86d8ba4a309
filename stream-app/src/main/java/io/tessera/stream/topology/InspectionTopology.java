package io.tessera.stream.topology;

import io.tessera.model.ModelCard;
import io.tessera.protocol.ModelTopics;
import io.tessera.protocol.Topics;
import io.tessera.stream.admission.AdmissionControl;
import io.tessera.stream.batch.DynamicBatcher;
import io.tessera.stream.config.StreamAppConfig;
import io.tessera.stream.inspect.FrameInspector;
import io.tessera.stream.inspect.LiveModel;
import io.tessera.stream.inspect.ShadowLane;
import io.tessera.stream.metrics.InspectionMetrics;
import io.tessera.vision.TilingSpec;
import java.time.Clock;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * Builds the inspection topology from the typed configuration: frames -> inspect (validate,
 * decode, tile, classify via the shared batcher, aggregate) -> verdicts, alerts, frames.dlq; the
 * cameras' taught thresholds ({@code <prefix>thresholds}) in a global store the inspection reads.
 * The app and the tests build it here, and only here.
 */
public final class InspectionTopology {
    public static final String SOURCE = "frames";
    public static final String INSPECT = "inspect";
    public static final String VERDICTS_SINK = "verdicts";
    public static final String ALERTS_SINK = "alerts";
    public static final String DLQ_SINK = "dead-letters";

    private final StreamAppConfig config;
    private final LiveModel models;
    private final DynamicBatcher batcher;
    private final AdmissionControl admission;
    private final InspectionMetrics metrics;
    private final Clock clock;
    private final ShadowLane shadow;

    /**
     * One fixed model, the batcher's own, with {@code card}'s tiling and threshold as the config
     * adjusts them.
     *
     * @param admission decides before decoding which frames can still make their deadline; its model
     *                  time per tile must be fed by {@code batcher}
     */
    public InspectionTopology(StreamAppConfig config, ModelCard card, DynamicBatcher batcher, AdmissionControl admission,
            InspectionMetrics metrics, Clock clock) {
        this(config, FrameInspectors.fixed(config, card, batcher), batcher, admission, metrics, clock, ShadowLane.NONE);
    }

    /**
     * @param models the model served now; a frame is tiled, scored and decided by the model current
     *               when its inspection starts
     * @param shadow where decided frames go to be scored by a shadow model too
     */
    public InspectionTopology(StreamAppConfig config, LiveModel models, DynamicBatcher batcher, AdmissionControl admission,
            InspectionMetrics metrics, Clock clock, ShadowLane shadow) {
        this.config = config;
        this.models = models;
        this.batcher = batcher;
        this.admission = admission;
        this.metrics = metrics;
        this.clock = clock;
        this.shadow = shadow;
    }

    /** The tiling of the model served now. */
    public TilingSpec tiling() {
        return models.current().tiling();
    }

    public Topology build() {
        Topics topics = config.topics();
        FrameInspector inspector = FrameInspectors.of(config, models, batcher, admission, clock, shadow, metrics);
        Topology topology = new Topology();
        // Raw bytes in: size and format are checked by the validator, so that a bad frame is
        // dead-lettered with a reason rather than failing in a deserialiser.
        topology.addSource(SOURCE, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), topics.frames().name());
        ThresholdStore.addTo(topology, ModelTopics.withPrefix(config.topicPrefix()));
        topology.addProcessor(INSPECT, () -> new InspectionProcessor(inspector, metrics, config.rejectWindow(), clock,
                ThresholdStore.NAME), SOURCE);
        topology.addSink(VERDICTS_SINK, topics.verdicts().name(), topics.verdicts().keySerde().serializer(),
                topics.verdicts().valueSerde().serializer(), INSPECT);
        topology.addSink(ALERTS_SINK, topics.alerts().name(), topics.alerts().keySerde().serializer(),
                topics.alerts().valueSerde().serializer(), INSPECT);
        topology.addSink(DLQ_SINK, topics.deadLetters().name(), topics.deadLetters().keySerde().serializer(),
                topics.deadLetters().valueSerde().serializer(), INSPECT);
        return topology;
    }

    /** The Kafka Streams configuration: the kafka.* settings plus the dead-letter handlers. */
    public Properties streamsProperties() {
        Properties props = config.streamsProperties();
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandlers.Deserialization.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandlers.Processing.class);
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandlers.Production.class);
        // The taught thresholds' global store has no processing to fail beyond a put; enabling it silences Streams' warning.
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        props.put(DeadLetterHandlers.DLQ_TOPIC, config.topics().deadLetters().name());
        props.put(DeadLetterHandlers.METRICS, metrics);
        props.put(DeadLetterHandlers.CLOCK, clock);
        return props;
    }
}

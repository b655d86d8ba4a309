package io.tessera.stream.topology;

import io.tessera.protocol.Alert;
import io.tessera.protocol.CameraThreshold;
import io.tessera.protocol.Verdict;
import io.tessera.stream.inspect.CameraThresholds;
import io.tessera.stream.inspect.FrameInspection;
import io.tessera.stream.inspect.Outcome;
import io.tessera.stream.metrics.InspectionMetrics;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards each frame's outcome to the right sink before returning, so the frame's offset is
 * committed (in the same transaction under exactly-once) only after its verdict or dead letter
 * was produced.
 */
final class InspectionProcessor implements Processor<String, byte[], String, Object> {
    private static final Logger LOG = LoggerFactory.getLogger(InspectionProcessor.class);

    private final FrameInspection inspector;
    private final InspectionMetrics metrics;
    private final Duration rejectWindow;
    private final Clock clock;
    private final String thresholdStore;
    private ProcessorContext<String, Object> context;
    private CameraThresholds taught = CameraThresholds.NONE;

    /** Without taught thresholds: every frame is decided at its model's threshold. */
    InspectionProcessor(FrameInspection inspector, InspectionMetrics metrics, Duration rejectWindow, Clock clock) {
        this(inspector, metrics, rejectWindow, clock, null);
    }

    /** @param thresholdStore the global store of the cameras' taught thresholds ({@link ThresholdStore}), or null for none */
    InspectionProcessor(FrameInspection inspector, InspectionMetrics metrics, Duration rejectWindow, Clock clock,
            String thresholdStore) {
        this.thresholdStore = thresholdStore;
        this.inspector = inspector;
        this.metrics = metrics;
        this.rejectWindow = rejectWindow;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        if (thresholdStore != null) {
            KeyValueStore<String, CameraThreshold> store = context.getStateStore(thresholdStore);
            taught = ThresholdStore.of(store, context.applicationId());
        }
    }

    @Override
    public void process(Record<String, byte[]> record) {
        metrics.frameIn();
        Outcome outcome;
        try {
            outcome = inspector.inspect(record.key(), record.headers(), record.value(), taught);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StreamsException("interrupted while inspecting a frame", e);
        }
        if (outcome instanceof Outcome.Decided d) {
            publish(record, d.verdict());
        } else if (outcome instanceof Outcome.Rejected r) {
            deadLetter(record, r);
        }
    }

    private void publish(Record<String, byte[]> record, Verdict verdict) {
        // Verdicts carry their own metadata as JSON; the frame's headers would mislead readers.
        context.forward(new Record<String, Object>(verdict.cameraId(), verdict, record.timestamp(), new RecordHeaders()),
                InspectionTopology.VERDICTS_SINK);
        if (verdict.decision().requiresAction()) {
            Alert alert = Alert.of(verdict, rejectWindow);
            context.forward(new Record<String, Object>(alert.lineId(), alert, record.timestamp(), new RecordHeaders()),
                    InspectionTopology.ALERTS_SINK);
        }
        metrics.verdict(verdict.decision(), verdict.lineId(), verdict.reason());
        metrics.score(verdict.cameraId(), verdict.decision(), verdict.defectScore());
        metrics.latency(verdict.latency());
    }

    private void deadLetter(Record<String, byte[]> record, Outcome.Rejected rejected) {
        RecordMetadata source = context.recordMetadata().orElse(null);
        LOG.warn("frame dead-lettered ({}): {} [key {}, {}]", rejected.reason(), rejected.detail(), record.key(),
                source == null ? "no source" : source.topic() + "-" + source.partition() + "@" + source.offset());
        context.forward(new Record<String, Object>(record.key(), record.value(), record.timestamp(),
                DeadLetters.headers(record.headers(), rejected.reason(), rejected.detail(), clock.instant(),
                        source == null ? null : source.topic(), source == null ? -1 : source.partition(),
                        source == null ? -1 : source.offset())), InspectionTopology.DLQ_SINK);
        metrics.deadLetter(rejected.reason());
    }
}

package io.tessera.stream.inspect;

import io.tessera.protocol.FrameFormatException;
import io.tessera.protocol.FrameMetadata;
import io.tessera.protocol.StageLatency;
import io.tessera.protocol.Verdict;
import io.tessera.stream.admission.Admission;
import io.tessera.stream.admission.AdmissionControl;
import io.tessera.stream.batch.BatcherClosedException;
import io.tessera.stream.batch.DynamicBatcher;
import io.tessera.stream.batch.Scores;
import io.tessera.stream.batch.Unclassified;
import io.tessera.stream.validate.FrameValidator;
import io.tessera.stream.validate.FrameValidator.ValidFrame;
import io.tessera.vision.FrameScore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;
import org.opencv.core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One frame from bytes to outcome: validate (before any decode), admit it or shed it (before any
 * decode: {@link AdmissionControl}), decode, tile, classify through the shared batcher, aggregate.
 * Thread-safe: stream threads share it.
 */
public final class FrameInspector implements FrameInspection {
    private static final Logger LOG = LoggerFactory.getLogger(FrameInspector.class);

    private final FrameValidator validator;
    private final LiveModel models;
    private final DynamicBatcher batcher;
    private final AdmissionControl admission;
    private final Duration budget;
    private final Clock clock;
    private final ShadowLane shadow;
    private final ThresholdChoice thresholds;

    /**
     * One fixed model: the batcher's own, cut by {@code tiler} and decided by {@code verdicts}.
     *
     * @param budget a frame's budget from its capture time; zero for none
     */
    public FrameInspector(FrameValidator validator, FrameDecoder decoder, FrameTiler tiler, DynamicBatcher batcher,
            VerdictFactory verdicts, AdmissionControl admission, Duration budget, Clock clock) {
        this(validator, new LiveModel(new ServingModel(1, batcher.model(), batcher.model().card(), tiler.spec(), verdicts.threshold(),
                null, tiler, decoder, verdicts)), batcher, admission, budget, clock, ShadowLane.NONE);
    }

    /**
     * @param models the model each frame is tiled, scored and decided by: the current one when the
     *               frame's inspection starts
     * @param budget a frame's budget from its capture time; zero for none
     * @param shadow where decided frames go to be scored by a shadow model too
     */
    public FrameInspector(FrameValidator validator, LiveModel models, DynamicBatcher batcher, AdmissionControl admission,
            Duration budget, Clock clock, ShadowLane shadow) {
        this(validator, models, batcher, admission, budget, clock, shadow, new ThresholdChoice(ThresholdObserver.NONE));
    }

    /** @param thresholds which threshold a frame of a camera is decided at (model.threshold, teach-in or the model's) */
    public FrameInspector(FrameValidator validator, LiveModel models, DynamicBatcher batcher, AdmissionControl admission,
            Duration budget, Clock clock, ShadowLane shadow, ThresholdChoice thresholds) {
        this.thresholds = thresholds;
        this.validator = validator;
        this.models = models;
        this.batcher = batcher;
        this.admission = admission;
        this.budget = budget;
        this.clock = clock;
        this.shadow = shadow;
    }

    @Override
    public Outcome inspect(String key, Headers headers, byte[] bytes) throws InterruptedException {
        return inspect(key, headers, bytes, CameraThresholds.NONE);
    }

    @Override
    public Outcome inspect(String key, Headers headers, byte[] bytes, CameraThresholds taught) throws InterruptedException {
        Instant start = clock.instant();
        ValidFrame frame;
        try {
            frame = validator.validate(key, headers, bytes);
        } catch (FrameFormatException e) {
            return new Outcome.Rejected(e.reason(), e.getMessage());
        }
        try (LiveModel.Lease lease = models.acquire()) {
            ServingModel model = lease.model();
            return inspect(frame, bytes, model, thresholds.verdictsFor(frame.metadata().cameraId(), model, taught), start);
        }
    }

    /** @param verdicts the model's verdicts at the threshold this frame's camera is decided at */
    private Outcome inspect(ValidFrame frame, byte[] bytes, ServingModel model, VerdictFactory verdicts, Instant start)
            throws InterruptedException {
        FrameTiler tiler = model.tiler();
        FrameMetadata meta = frame.metadata();
        Instant deadline = budget.isZero() ? null : meta.captureTime().plus(budget);
        double queueMs = ms(meta.captureTime(), start);
        Admission admitted = admission.admit(tiler.tileCount(frame.width(), frame.height()), deadline);
        if (!admitted.admitted()) {
            // Late already, or too little budget left for what the frame would take: decoding it
            // would only spend CPU that frames which can still make it need.
            return late(verdicts, meta, null, 0, new StageLatency(queueMs, 0, 0, 0, 0, queueMs));
        }

        Mat image;
        try {
            image = model.decoder().decode(frame, bytes);
        } catch (FrameFormatException e) {
            return new Outcome.Rejected(e.reason(), e.getMessage());
        }
        Instant decoded = clock.instant();
        TiledFrame tiles;
        try {
            tiles = tiler.tile(image, frame.width(), frame.height());
        } finally {
            image.release(); // native memory: a 2K BGR frame is 6.6 MB
        }
        Instant tiled = clock.instant();
        admission.prepared(tiles.count(), Duration.between(start, tiled));

        Scores scores;
        FrameScore score;
        try {
            scores = batcher.classify(model.classifier(), model.inputSize(), tiles.pixels(), tiles.count(), deadline);
            score = FrameScore.aggregate(tiles.boxes(), scores.probabilities(), verdicts.threshold());
        } catch (Unclassified e) {
            return unclassified(verdicts, meta, tiles.count(), e.reason(), e.getMessage(), queueMs, start, decoded, tiled);
        } catch (BatcherClosedException e) {
            throw e; // not the frame's fault: it is processed again after a restart
        } catch (RuntimeException e) {
            // Whatever the model side throws (the batcher checks the scores, but a frame must not
            // become a dead letter for a model fault in any case) is a model error, never a lost part.
            return unclassified(verdicts, meta, tiles.count(), Unclassified.MODEL_ERROR, e.toString(), queueMs, start, decoded, tiled);
        }
        Instant decided = clock.instant();
        StageLatency latency = new StageLatency(queueMs, ms(start, decoded), ms(decoded, tiled), millis(scores.queued()),
                millis(scores.infer()), ms(meta.captureTime(), decided));
        if (deadline != null && decided.isAfter(deadline)) {
            return late(verdicts, meta, score, tiles.count(), latency, decided);
        }
        Verdict verdict = verdicts.decided(meta, score, decided, latency);
        shadow.offer(model, meta, tiles, verdict);
        return new Outcome.Decided(verdict);
    }

    private Outcome unclassified(VerdictFactory verdicts, FrameMetadata meta, int tileCount, String reason, String detail, double queueMs, Instant start,
            Instant decoded, Instant tiled) {
        Instant now = clock.instant();
        StageLatency latency = new StageLatency(queueMs, ms(start, decoded), ms(decoded, tiled), ms(tiled, now), 0,
                ms(meta.captureTime(), now));
        if (Unclassified.LATE.equals(reason)) {
            return late(verdicts, meta, null, tileCount, latency, now);
        }
        LOG.warn("frame {}/{} seq {} not classified ({}): {}", meta.lineId(), meta.cameraId(), meta.sequence(), reason, detail);
        return new Outcome.Decided(verdicts.unknown(meta, reason, null, tileCount, now, latency));
    }

    private Outcome late(VerdictFactory verdicts, FrameMetadata meta, FrameScore score, int tileCount, StageLatency latency) {
        return late(verdicts, meta, score, tileCount, latency, clock.instant());
    }

    private Outcome late(VerdictFactory verdicts, FrameMetadata meta, FrameScore score, int tileCount, StageLatency latency, Instant now) {
        return new Outcome.Decided(verdicts.unknown(meta, Unclassified.LATE, score, tileCount, now, latency));
    }

    private static double ms(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e6;
    }

    private static double millis(Duration d) {
        return d.toNanos() / 1e6;
    }
}

package io.tessera.stream.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tessera.model.ServingPrecision;
import io.tessera.protocol.CameraThreshold;
import io.tessera.protocol.Decision;
import io.tessera.protocol.ModelRef;
import io.tessera.protocol.StageLatency;
import io.tessera.protocol.ThresholdSource;
import io.tessera.stream.admission.AdmissionControl;
import io.tessera.stream.admission.ShedObserver;
import io.tessera.stream.batch.BatchObserver;
import io.tessera.stream.inspect.ThresholdObserver;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;

/**
 * The stream app's meters, registered on the registry it is given (a Prometheus registry in
 * production, a simple one in tests). Names, all prefixed {@code tessera.inspect.}:
 * <ul>
 *   <li>{@code frames.in} counter: frames read</li>
 *   <li>{@code verdicts} counter, tags {@code decision}, {@code line}</li>
 *   <li>{@code unknown} counter, tag {@code reason} ({@code late}, {@code model-error}, ...)</li>
 *   <li>{@code late} counter: frames past their budget</li>
 *   <li>{@code shed} counter, tag {@code reason} ({@code late-on-arrival}, {@code cannot-meet-deadline}): frames
 *       answered UNKNOWN late by admission control without being decoded (also counted in {@code late})</li>
 *   <li>{@code dlq} counter, tag {@code reason}</li>
 *   <li>{@code stage.latency} timer, tag {@code stage} (queue, decode, tile, wait, infer, total), with percentiles</li>
 *   <li>{@code batch.size} summary: tiles per model call; {@code batch.frames}: requests per model call</li>
 *   <li>{@code inference.time} timer: duration of one model call</li>
 *   <li>{@code tiles} counter: tiles scored</li>
 *   <li>{@code batch.queued} gauge: requests waiting for the model</li>
 * </ul>
 * and {@code tessera.model.info} (Prometheus {@code tessera_model_info}), always 1, tags
 * {@code model}, {@code version}, {@code precision} and {@code reason}: what serves and why;
 * {@code tessera.camera.threshold} ({@code tessera_camera_threshold}) gauge, tags {@code camera}, {@code source}
 * ({@code model}, {@code override}, {@code teach-in}): the threshold the camera's latest frame was decided at;
 * {@code tessera.teachin.stale} ({@code tessera_teachin_stale_total}) counter, tag {@code camera}: frames decided
 * without their camera's teach-in because it was measured on another model;
 * {@code tessera.camera.score.permille} ({@code tessera_camera_score_permille_bucket}) summary, tags {@code camera},
 * {@code decision} (OK, DEFECT): decided frames' defect scores, in thousandths, in fixed buckets, so that the
 * scores of a camera's good parts can be watched creeping up towards its threshold (a surface that changes as it
 * wears, a lens or light that drifts) before they turn into false rejects.
 */
public final class InspectionMetrics implements BatchObserver, ShedObserver, ThresholdObserver {
    public static final String PREFIX = "tessera.inspect.";
    private static final double[] PERCENTILES = {0.5, 0.95, 0.99};
    /**
     * In thousandths, since Micrometer's histograms count whole numbers (a score of 0.2 would land in
     * no bucket below 1); finer near 1000, where thresholds sit (0.36-0.999 in cross-validation).
     */
    private static final double[] SCORE_BUCKETS_PERMILLE = {50, 100, 200, 300, 400, 500, 600, 700, 800, 850, 900, 950,
            980, 990, 995, 999};
    public static final int MAX_LINE_TAGS = 64;

    private final MeterRegistry registry;
    private final Counter framesIn;
    private final Counter late;
    private final Counter tiles;
    private final DistributionSummary batchSize;
    private final DistributionSummary batchFrames;
    private final Timer inference;
    private final Map<String, Timer> stages = new ConcurrentHashMap<>();
    /** A plant has a handful of lines; 64 leaves room and bounds what a bad header can add. */
    private final BoundedTagValues lines = new BoundedTagValues(MAX_LINE_TAGS);
    /** Camera ids come from record keys too: bounded like lines. */
    private final BoundedTagValues cameras = new BoundedTagValues(MAX_LINE_TAGS);
    private final Map<String, CameraThresholdGauge> cameraThresholds = new ConcurrentHashMap<>();

    private Gauge modelInfo;

    public InspectionMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.framesIn = Counter.builder(PREFIX + "frames.in").description("frames read from the frames topic").register(registry);
        this.late = Counter.builder(PREFIX + "late").description("frames that missed their budget (UNKNOWN, reason late)")
                .register(registry);
        this.tiles = Counter.builder(PREFIX + "tiles").description("tiles scored by the model").register(registry);
        this.batchSize = DistributionSummary.builder(PREFIX + "batch.size").description("tiles per model call")
                .publishPercentiles(PERCENTILES).publishPercentileHistogram().serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128)
                .register(registry);
        this.batchFrames = DistributionSummary.builder(PREFIX + "batch.frames").description("requests coalesced per model call")
                .register(registry);
        this.inference = Timer.builder(PREFIX + "inference.time").description("duration of one model call")
                .publishPercentiles(PERCENTILES).publishPercentileHistogram().register(registry);
        for (String stage : new String[] {"queue", "decode", "tile", "wait", "infer", "total"}) {
            stage(stage);
        }
        // both reasons from the start, so that a dashboard shows zero rather than no data
        for (String reason : new String[] {AdmissionControl.LATE_ON_ARRIVAL, AdmissionControl.CANNOT_MEET_DEADLINE}) {
            registry.counter(PREFIX + "shed", "reason", reason);
        }
    }

    /** Publishes the batcher's queue depth. */
    public void watchQueue(IntSupplier queued) {
        Gauge.builder(PREFIX + "batch.queued", queued, q -> q.getAsInt())
                .description("requests waiting for the model").register(registry);
    }

    /** The model served and the precision it serves at, with the self-check's reason, as an info gauge. */
    /** The model served now; replaces the one before (a deploy), so the gauge names one model at a time. */
    public synchronized void modelInfo(String model, String version, ServingPrecision serving) {
        Gauge next = Gauge.builder("tessera.model.info", () -> 1)
                .description("the model served, the precision it serves at and why (always 1)")
                .tags("model", model, "version", version, "precision", serving.precision(), "reason", serving.reason())
                .register(registry);
        if (modelInfo != null && !modelInfo.getId().equals(next.getId())) {
            registry.remove(modelInfo);
        }
        modelInfo = next;
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void frameIn() {
        framesIn.increment();
    }

    public void verdict(Decision decision, String line, String reason) {
        // Counted when produced: frames of an aborted transaction are produced, and counted,
        // again. CommittedVerdicts counts each frame once, as readers see it.
        Counter.builder(PREFIX + "verdicts").description("verdicts produced (attempts: again after an aborted transaction)")
                .tag("decision", decision.name()).tag("line", lines.of(line)).register(registry).increment();
        if (decision == Decision.UNKNOWN) {
            registry.counter(PREFIX + "unknown", "reason", reason).increment();
            if ("late".equals(reason)) {
                late.increment();
            }
        }
    }

    /** A decided frame's defect score, by camera and decision; UNKNOWN frames have no score to record. */
    public void score(String cameraId, Decision decision, double defectScore) {
        if (decision == Decision.UNKNOWN || !(defectScore >= 0 && defectScore <= 1)) {
            return;
        }
        DistributionSummary.builder("tessera.camera.score.permille")
                .description("decided frames' defect scores (highest tile probability) in thousandths, by camera and"
                        + " decision")
                .tags("camera", cameras.of(cameraId), "decision", decision.name()).scale(1000)
                .serviceLevelObjectives(SCORE_BUCKETS_PERMILLE).register(registry).record(defectScore);
    }

    @Override
    public void shed(String reason) {
        registry.counter(PREFIX + "shed", "reason", reason).increment();
    }

    public void deadLetter(String reason) {
        registry.counter(PREFIX + "dlq", "reason", reason).increment();
    }

    public void latency(StageLatency l) {
        record("queue", l.queueMs());
        record("decode", l.decodeMs());
        record("tile", l.tileMs());
        record("wait", l.waitMs());
        record("infer", l.inferMs());
        record("total", l.totalMs());
    }

    @Override
    public void batch(int tileCount, int frames, long inferNanos) {
        batchSize.record(tileCount);
        batchFrames.record(frames);
        tiles.increment(tileCount);
        inference.record(inferNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void applied(String cameraId, double threshold, ThresholdSource source) {
        String camera = cameras.of(cameraId);
        CameraThresholdGauge g = cameraThresholds.get(camera);
        if (g == null || g.source != source) {
            synchronized (cameraThresholds) {
                g = cameraThresholds.get(camera);
                if (g == null || g.source != source) {
                    if (g != null) {
                        registry.remove(g.gauge);
                    }
                    g = new CameraThresholdGauge(registry, camera, source);
                    cameraThresholds.put(camera, g);
                }
            }
        }
        g.value.set(threshold);
    }

    @Override
    public void stale(String cameraId, CameraThreshold taught, ModelRef serving) {
        registry.counter("tessera.teachin.stale", "camera", cameras.of(cameraId)).increment();
    }

    /** One camera's threshold gauge; a new one (and the old removed) when the threshold's source changes. */
    private static final class CameraThresholdGauge {
        final ThresholdSource source;
        final AtomicReference<Double> value = new AtomicReference<>(Double.NaN);
        final Gauge gauge;

        CameraThresholdGauge(MeterRegistry registry, String camera, ThresholdSource source) {
            this.source = source;
            this.gauge = Gauge.builder("tessera.camera.threshold", value, AtomicReference::get)
                    .description("the threshold the camera's latest frame was decided at, by where it came from")
                    .tags("camera", camera, "source", source.label()).register(registry);
        }
    }

    private void record(String stage, double ms) {
        stage(stage).record(Duration.ofNanos((long) (Math.max(0, ms) * 1_000_000)));
    }

    private Timer stage(String stage) {
        return stages.computeIfAbsent(stage, s -> Timer.builder(PREFIX + "stage.latency").tag("stage", s)
                .description("per-stage latency of a frame").publishPercentiles(PERCENTILES).publishPercentileHistogram()
                .register(registry));
    }
}

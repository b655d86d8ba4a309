package io.tessera.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tessera.ingest.publish.IngestRun;
import io.tessera.ingest.publish.KafkaFrameSink;
import io.tessera.ingest.publish.Pace;
import io.tessera.ingest.publish.ProducerSettings;
import io.tessera.ingest.sim.LineSimulator;
import io.tessera.protocol.Decision;
import io.tessera.protocol.Topics;
import io.tessera.protocol.Verdict;
import io.tessera.stream.app.ClassifierFactory;
import io.tessera.stream.app.InspectionService;
import io.tessera.stream.config.StreamAppConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline: simulated 2K frames through the broker and the topology. First a backlog
 * drained at full speed (throughput), then cameras at a steady rate below that capacity
 * (latency from capture to verdict).
 */
final class PipelineBench {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineBench.class);

    /** @param failure why the run did not finish (null when every frame did); the figures are then partial */
    record Result(double tilesPerSec, double framesPerSec, double tilesPerFrame, int frames, BenchReport.Latency latency,
            Map<Integer, Long> batchSizes, long unknownVerdicts, long deadLetters, String failure) {
        static Result failed(int frames, Map<Integer, Long> batchSizes, long unknown, long deadLetters, String failure) {
            return new Result(0, 0, 0, frames, null, batchSizes, unknown, deadLetters, failure);
        }
    }

    /** Nothing finishing for this long means the pipeline lost frames: the benchmark stops waiting. */
    static final Duration STALL = Duration.ofMinutes(2);
    /** The longest a backlog may take in all, however slowly it progresses. */
    static final Duration CAP = Duration.ofMinutes(30);

    private final String bootstrap;
    private final StreamAppConfig config;
    private final BenchPlan plan;
    private final Clock clock;

    PipelineBench(String bootstrap, StreamAppConfig config, BenchPlan plan, Clock clock) {
        this.bootstrap = bootstrap;
        this.config = config;
        this.plan = plan;
        this.clock = clock;
    }

    /**
     * @param classifiers loads the model inside the app (on its serving thread)
     * @param batchSizes  model calls by batch size since the last call, and counting afresh
     */
    Result run(ClassifierFactory classifiers, Supplier<Map<Integer, Long>> batchSizes) throws InterruptedException {
        Topics topics = config.topics();
        ProducerSettings producer = ProducerSettings.defaults(bootstrap);
        producer = new ProducerSettings(producer.bootstrapServers(), producer.acks(), producer.lingerMs(), producer.batchSize(),
                producer.compressionType(), producer.maxRequestSize(), producer.bufferMemory(), producer.maxBlockMs(),
                producer.deliveryTimeoutMs(), Map.of(ProducerConfig.PARTITIONER_CLASS_CONFIG, RoundRobinFrames.class.getName()));
        int perCamera = (plan.throughputFrames() + plan.cameras() - 1) / plan.cameras();
        int frames = perCamera * plan.cameras();
        try (KafkaFrameSink sink = KafkaFrameSink.create(topics.frames(), producer, "tessera-bench-ingest")) {
            LOG.info("publishing {} frames of {}x{} as a backlog", frames, plan.width(), plan.height());
            try (LineSimulator sim = simulator(7); IngestRun backlog = IngestRun.start(sim.prerenderedCameras(), sink, Pace.asFastAsPossible(), clock, null, perCamera)) {
                backlog.await();
            }
            sink.flush();

            try (VerdictCollector verdicts = new VerdictCollector(bootstrap, topics.verdicts());
                    DeadLetterCounter deadLetters = new DeadLetterCounter(bootstrap, topics.deadLetters());
                    InspectionService service = InspectionService.start(config, classifiers, new SimpleMeterRegistry(), clock)) {
                if (!service.awaitRunning(Duration.ofMinutes(2))) {
                    return Result.failed(frames, batchSizes.get(), 0, 0,
                            "the inspection app did not start: Kafka Streams state " + service.state());
                }
                VerdictCollector.Wait wait = verdicts.awaitFinished(frames, deadLetters, STALL, CAP);
                List<Verdict> drained = wait.verdicts();
                long unknown = drained.stream().filter(v -> v.decision() == Decision.UNKNOWN).count();
                Map<Integer, Long> sizes = batchSizes.get();
                if (wait.gaveUp() != null) {
                    LOG.warn("pipeline pass {}", wait.gaveUp());
                    return Result.failed(frames, sizes, unknown, wait.deadLetters(), wait.gaveUp());
                }
                if (drained.size() < frames / 2) {
                    return Result.failed(frames, sizes, unknown, wait.deadLetters(), "only " + drained.size() + " of "
                            + frames + " frames got a verdict (" + wait.deadLetters() + " dead letters): too few to time");
                }
                List<Verdict> byTime = new ArrayList<>(drained);
                byTime.sort(Comparator.comparing(Verdict::decidedAt));
                // The first tenth warms up the model (graph optimisation on the first calls) and the threads.
                int skip = Math.max(1, frames / 10);
                long tiles = 0;
                for (int i = skip + 1; i < byTime.size(); i++) {
                    tiles += byTime.get(i).tileCount();
                }
                double seconds = Duration.between(byTime.get(skip).decidedAt(), byTime.get(byTime.size() - 1).decidedAt())
                        .toNanos() / 1e9;
                double tilesPerSec = tiles / seconds;
                double framesPerSec = (byTime.size() - skip - 1) / seconds;
                double tilesPerFrame = byTime.stream().mapToInt(Verdict::tileCount).average().orElse(0);
                LOG.info("backlog drained: {} tiles/s, {} frames/s", String.format("%.1f", tilesPerSec),
                        String.format("%.2f", framesPerSec));

                BenchReport.Latency latency = null;
                if (!plan.latencyDuration().isZero()) {
                    latency = measureLatency(sink, verdicts, deadLetters, frames, framesPerSec * plan.latencyLoad());
                }
                return new Result(tilesPerSec, framesPerSec, tilesPerFrame, frames, latency, sizes, unknown,
                        wait.deadLetters(), null);
            }
        }
    }

    private LineSimulator simulator(long seed) {
        return LineSimulator.builder().camerasPerLine(plan.cameras()).cameraId("bench").lineId("bench-line")
                .size(plan.width(), plan.height()).seed(seed).clock(clock).build();
    }

    private BenchReport.Latency measureLatency(KafkaFrameSink sink, VerdictCollector verdicts, DeadLetterCounter deadLetters,
            int before, double totalFps)
            throws InterruptedException {
        double perCamera = totalFps / plan.cameras();
        Duration pass = plan.latencyPass(totalFps);
        LOG.info("cameras at {} frames/s in all for {} s", String.format("%.2f", totalFps), pass.toSeconds());
        long sent;
        try (LineSimulator sim = simulator(8);
                IngestRun steady = IngestRun.startStaggered(sim.prerenderedCameras(), sink, new Pace.FixedRate(perCamera, Duration.ZERO),
                        clock, pass, 0)) {
            steady.await();
            sent = steady.publishers().stream().mapToLong(p -> p.framesSent()).sum();
        }
        sink.flush();
        VerdictCollector.Wait wait = verdicts.awaitFinished(before + (int) sent, deadLetters, STALL, Duration.ofMinutes(10));
        if (wait.gaveUp() != null) {
            LOG.warn("latency pass {}; latency figures from the frames that finished", wait.gaveUp());
        }
        List<Verdict> all = wait.verdicts();
        List<Verdict> steadyVerdicts = all.subList(Math.min(before, all.size()), all.size());
        Histogram histogram = new Histogram(3_600_000_000L, 3);
        for (Verdict v : steadyVerdicts) {
            histogram.recordValue(Math.max(0, Math.round(v.latency().totalMs() * 1000)));
        }
        return new BenchReport.Latency(histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(95) / 1000.0,
                histogram.getValueAtPercentile(99) / 1000.0, histogram.getMaxValue() / 1000.0, steadyVerdicts.size(), totalFps,
                plan.latencyLoad());
    }
}

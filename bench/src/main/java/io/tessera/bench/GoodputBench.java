package io.tessera.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tessera.ingest.publish.IngestRun;
import io.tessera.ingest.publish.KafkaFrameSink;
import io.tessera.ingest.publish.Pace;
import io.tessera.ingest.publish.ProducerSettings;
import io.tessera.ingest.sim.LineSimulator;
import io.tessera.kafka.local.KafkaCluster;
import io.tessera.protocol.Decision;
import io.tessera.protocol.Topics;
import io.tessera.protocol.Verdict;
import io.tessera.stream.app.ClassifierFactory;
import io.tessera.stream.app.InspectionService;
import io.tessera.stream.app.ModelRequest;
import io.tessera.stream.config.StreamAppConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Overload: cameras at a multiple of the measured capacity, with the configured budget, through
 * a fresh inspection app. Goodput is the frames a second that get a real decision (OK or
 * DEFECT), counted over the frames captured after a warm-up; the rest are UNKNOWN, nearly all
 * late. Heap in use at the end shows whether a backlog piles up in memory.
 */
final class GoodputBench {
    private static final Logger LOG = LoggerFactory.getLogger(GoodputBench.class);

    private final KafkaCluster cluster;
    private final StreamAppConfig config;
    private final BenchPlan plan;
    private final ClassifierFactory classifiers;
    private final ModelRequest request;
    private final Clock clock;

    /** @param config the stream-app settings, budget included */
    GoodputBench(KafkaCluster cluster, StreamAppConfig config, BenchPlan plan, ClassifierFactory classifiers,
            ModelRequest request, Clock clock) {
        this.cluster = cluster;
        this.config = config;
        this.plan = plan;
        this.classifiers = classifiers;
        this.request = request;
        this.clock = clock;
    }

    BenchReport.Goodput run(double load, double capacityFps) throws InterruptedException {
        String run = "bench-overload-" + UUID.randomUUID().toString().substring(0, 8);
        StreamAppConfig runConfig = config.withTopicPrefix(run + ".")
                .withKafka(Map.of("bootstrap.servers", cluster.bootstrapServers(), "application.id", run));
        Topics topics = runConfig.topics();
        int threads = Integer.parseInt(runConfig.kafka().get("num.stream.threads"));
        cluster.createTopics(threads, topics.frames().name());
        cluster.createTopics(1, topics.verdicts().name(), topics.alerts().name(), topics.deadLetters().name());
        ProducerSettings producer = ProducerSettings.defaults(cluster.bootstrapServers());
        producer = new ProducerSettings(producer.bootstrapServers(), producer.acks(), producer.lingerMs(), producer.batchSize(),
                producer.compressionType(), producer.maxRequestSize(), producer.bufferMemory(), producer.maxBlockMs(),
                producer.deliveryTimeoutMs(), Map.of(ProducerConfig.PARTITIONER_CLASS_CONFIG, RoundRobinFrames.class.getName()));
        double offered = load * capacityFps;
        Duration total = plan.overloadWarmup().plus(plan.overloadDuration());
        LOG.info("overload {}x: cameras at {} frames/s in all ({} x capacity {} frames/s) for {} s, budget {} ms", fmt(load),
                fmt(offered), fmt(load), fmt(capacityFps), total.toSeconds(), runConfig.budget().toMillis());
        try (KafkaFrameSink sink = KafkaFrameSink.create(topics.frames(), producer, "tessera-bench-overload");
                VerdictCollector verdicts = new VerdictCollector(cluster.bootstrapServers(), topics.verdicts());
                InspectionService service = InspectionService.start(runConfig, classifiers.load(request),
                        new SimpleMeterRegistry(), clock)) {
            if (!service.awaitRunning(Duration.ofMinutes(2))) {
                throw new IllegalStateException("the inspection app did not start: state " + service.state());
            }
            long sent;
            Instant start = clock.instant();
            try (LineSimulator sim = LineSimulator.builder().camerasPerLine(plan.cameras()).cameraId("overload")
                    .lineId("overload-line").size(plan.width(), plan.height()).seed(9).clock(clock).build();
                    IngestRun cameras = IngestRun.start(sim.prerenderedCameras(), sink, Pace.fixedRate(offered / plan.cameras()),
                            clock, total, 0)) {
                start = clock.instant();
                cameras.await();
                sent = cameras.publishers().stream().mapToLong(p -> p.framesSent()).sum();
            }
            sink.flush();
            // every frame is answered within about its budget, shed ones at once
            List<Verdict> all = verdicts.await((int) sent, runConfig.budget().multipliedBy(3).plusSeconds(20));
            Instant from = start.plus(plan.overloadWarmup());
            Instant to = start.plus(total);
            long frames = 0;
            long decided = 0;
            long late = 0;
            for (Verdict v : all) {
                if (v.captureTime().isBefore(from) || !v.captureTime().isBefore(to)) {
                    continue;
                }
                frames++;
                if (v.decision() != Decision.UNKNOWN) {
                    decided++;
                } else if ("late".equals(v.reason())) {
                    late++;
                }
            }
            double seconds = plan.overloadDuration().toNanos() / 1e9;
            Runtime rt = Runtime.getRuntime();
            double heapMb = (rt.totalMemory() - rt.freeMemory()) / 1048576.0;
            BenchReport.Goodput g = new BenchReport.Goodput(load, offered, decided / seconds, decided / seconds / capacityFps,
                    frames, decided, late, frames - decided - late, sent, all.size(), heapMb);
            LOG.info("overload {}x: {} of {} frames decided ({} frames/s, {} of capacity), {} late; heap {} MB", fmt(load), decided,
                    frames, fmt(g.decidedPerSec()), String.format("%.0f%%", g.ofCapacity() * 100), late, String.format("%.0f", heapMb));
            return g;
        }
    }

    private static String fmt(double v) {
        return String.format("%.2f", v);
    }
}

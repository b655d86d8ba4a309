package io.tessera.bench;

import io.tessera.ingest.sim.SampleImages;
import io.tessera.kafka.local.ExternalKafkaCluster;
import io.tessera.kafka.local.KafkaCluster;
import io.tessera.kafka.local.LocalKafka;
import io.tessera.model.ServingPrecision;
import io.tessera.model.TileClassifier;
import io.tessera.model.serving.CpuFeatures;
import io.tessera.model.serving.Precision;
import io.tessera.protocol.Topics;
import io.tessera.stream.app.ClassifierFactory;
import io.tessera.stream.app.ModelRequest;
import io.tessera.stream.config.StreamAppConfig;
import io.tessera.stream.inspect.FrameDecoder;
import io.tessera.vision.TilingSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code tessera bench}: in one run on one machine, (a) the model alone on tile batches and
 * (b) the whole pipeline through a broker, for each precision asked for.
 */
public final class Bench {
    private static final Logger LOG = LoggerFactory.getLogger(Bench.class);

    private final StreamAppConfig config;
    private final BenchPlan plan;
    private final ClassifierFactory classifiers;
    private final Clock clock;

    public Bench(StreamAppConfig config, BenchPlan plan, ClassifierFactory classifiers, Clock clock) {
        this.config = config;
        this.plan = plan;
        this.classifiers = classifiers;
        this.clock = clock;
    }

    /**
     * @param bootstrap an existing cluster, or null to start a local broker for the run
     * @param precisions one report per precision, in this order (null: automatic); a precision that
     *     fails its self-check or does not finish is reported as failed, and the next one runs
     */
    public List<BenchReport> run(String bootstrap, List<Precision> precisions) throws InterruptedException {
        List<BenchReport> reports = new ArrayList<>();
        try (AutoCloseableCluster cluster = connect(bootstrap)) {
            for (Precision precision : precisions) {
                reports.add(runOne(cluster.cluster(), precision));
            }
        }
        return reports;
    }

    private BenchReport runOne(KafkaCluster cluster, Precision precision) throws InterruptedException {
        int batchSize = config.batch().maxSize();
        String asked = precision == null ? "auto" : precision.label();
        int threads = Integer.parseInt(config.kafka().get("num.stream.threads"));
        ModelRequest request = ModelRequest.of(config).withPrecision(precision);
        ModelFigures before;
        try {
            before = measureModel(request, "before");
        } catch (IllegalArgumentException | IllegalStateException e) {
            // a precision that fails its self-check (or a model output fault): a result, not an abort
            LOG.warn("{}: no figures: {}", asked, e.getMessage());
            return BenchReport.failed(asked, null, e.getMessage(), e.getMessage(), config.modelPath().toString(), batchSize,
                    config.batch().maxWait().toMillis(), threads, machine());
        }
        TilingSpec tiling = before.tiling();

        String run = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        StreamAppConfig benchConfig = config.withTopicPrefix(run + ".").withBudget(Duration.ZERO)
                .withKafka(Map.of("bootstrap.servers", cluster.bootstrapServers(), "application.id", run));
        Topics topics = benchConfig.topics();
        cluster.createTopics(threads, topics.frames().name());
        cluster.createTopics(1, topics.verdicts().name(), topics.alerts().name(), topics.deadLetters().name());

        // loaded by the app on the thread that serves it, as inspect does; counted for the batch sizes
        AtomicReference<CountingClassifier> counting = new AtomicReference<>();
        PipelineBench.Result pipeline = new PipelineBench(cluster.bootstrapServers(), benchConfig, plan, clock).run(r -> {
            CountingClassifier c = new CountingClassifier(classifiers.load(request));
            counting.set(c);
            return c;
        }, () -> counting.get() == null ? Map.of() : counting.get().takeSizes());

        // Measured again after the pipeline, and the better figures kept: on a shared machine a
        // single measurement can catch a busy moment and flatter the ratio.
        ModelFigures after;
        try {
            after = measureModel(request, "after");
        } catch (IllegalArgumentException | IllegalStateException e) {
            LOG.warn("{}: model-alone pass after the pipeline failed: {}", asked, e.getMessage());
            after = before;
        }
        double batched = Math.max(before.batched(), after.batched());
        double single = Math.max(before.single(), after.single());

        StageCost stages = null;
        if (plan.stageFrames() > 0) {
            LOG.info("per-stage cost: {} frames of {}x{}, one at a time", plan.stageFrames(), plan.width(), plan.height());
            try (TileClassifier classifier = classifiers.load(request)) {
                FrameDecoder decoder = config.reducedDecode() ? FrameDecoder.reducedFor(tiling) : FrameDecoder.fullSize();
                stages = new StageCostBench(classifier, tiling, decoder, clock).measure(plan.width(), plan.height(),
                        plan.stageFrames());
            }
            LOG.info("per frame: decode {} ms CPU, tile {} ms CPU, infer {} ms CPU ({} ms wall)", fmt(stages.decode().cpuMs()),
                    fmt(stages.tile().cpuMs()), fmt(stages.infer().cpuMs()), fmt(stages.infer().wallMs()));
        }
        List<BenchReport.Goodput> goodput = new ArrayList<>();
        if (!config.hasBudget() && !plan.overloadLoads().isEmpty()) {
            LOG.warn("no inspection.budget-ms: nothing is ever late, so the overload figures are skipped");
        } else {
            for (double load : plan.overloadLoads()) {
                goodput.add(new GoodputBench(cluster, config, plan, classifiers, request, clock).run(load,
                        pipeline.framesPerSec()));
            }
        }

        long calls = pipeline.batchSizes().values().stream().mapToLong(Long::longValue).sum();
        double meanBatch = calls == 0 ? 0 : pipeline.batchSizes().entrySet().stream()
                .mapToDouble(e -> (double) e.getKey() * e.getValue()).sum() / calls;
        String failure = pipeline.failure();
        if (failure == null && pipeline.deadLetters() > 0) {
            failure = pipeline.deadLetters() + " of " + pipeline.frames() + " frames were dead-lettered";
        }
        return new BenchReport(asked, before.served().precision(), before.served().reason(), failure, before.modelName(),
                tiling.tileSize() + "px/" + tiling.overlap() + " overlap -> " + tiling.inputSize() + "px", batchSize,
                config.batch().maxWait().toMillis(), threads, batched, single, before.batched(), after.batched(),
                pipeline.tilesPerSec(), pipeline.framesPerSec(), pipeline.tilesPerSec() / batched,
                pipeline.tilesPerSec() / single, pipeline.tilesPerFrame(), pipeline.frames(), pipeline.latency(),
                pipeline.batchSizes(), meanBatch, pipeline.unknownVerdicts(), pipeline.deadLetters(), machine(), stages,
                goodput);
    }

    static BenchReport.Machine machine() {
        CpuFeatures cpu = CpuFeatures.current();
        return new BenchReport.Machine(cpu.model(), Runtime.getRuntime().availableProcessors(), cpu.flags().contains("amx_bf16"),
                cpu.flags().contains("avx512_bf16"));
    }

    private static String fmt(double v) {
        return String.format("%.1f", v);
    }

    private record ModelFigures(TilingSpec tiling, String modelName, ServingPrecision served, double batched,
            double single) {
    }

    private ModelFigures measureModel(ModelRequest request, String when) {
        int batchSize = config.batch().maxSize();
        try (TileClassifier classifier = classifiers.load(request)) {
            TilingSpec tiling = config.tiling().resolve(classifier.card());
            ServingPrecision served = classifier.servingPrecision();
            LOG.info("model alone ({} asked, {} serving, {} the pipeline): {} tiles of {} px per call, then one tile per"
                    + " call", request.precisionLabel(), served.precision(), when, batchSize, tiling.inputSize());
            ModelBench bench = ModelBench.fromSamples(classifier, tiling, SampleImages.locate(), Math.max(256, batchSize * 4));
            double batched = bench.tilesPerSecond(batchSize, 3, plan.modelTime());
            double single = bench.tilesPerSecond(1, 3, plan.modelTime());
            LOG.info("model alone: {} tiles/s batched, {} tiles/s one by one", String.format("%.1f", batched),
                    String.format("%.1f", single));
            return new ModelFigures(tiling, classifier.card().name() + " " + classifier.card().version(), served,
                    batched, single);
        }
    }

    private static AutoCloseableCluster connect(String bootstrap) {
        if (bootstrap != null) {
            ExternalKafkaCluster external = ExternalKafkaCluster.connect(bootstrap, "--bootstrap", Duration.ofSeconds(30),
                    Clock.systemUTC());
            return new AutoCloseableCluster(external, external::close);
        }
        LOG.info("starting a local Kafka broker for the benchmark");
        LocalKafka local = LocalKafka.start();
        return new AutoCloseableCluster(local, local::close);
    }

    private record AutoCloseableCluster(KafkaCluster cluster, Runnable closer) implements AutoCloseable {
        @Override
        public void close() {
            closer.run();
        }
    }
}

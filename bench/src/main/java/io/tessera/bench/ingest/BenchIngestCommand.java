package io.tessera.bench.ingest;

import io.tessera.ingest.CapturedFrame;
import io.tessera.ingest.cli.ProducerOptions;
import io.tessera.ingest.publish.IngestRun;
import io.tessera.ingest.publish.IngestSnapshot;
import io.tessera.ingest.publish.KafkaFrameSink;
import io.tessera.ingest.publish.Pace;
import io.tessera.ingest.sim.LineSimulator;
import io.tessera.ingest.sim.SimulatedCamera;
import io.tessera.ingest.source.FrameEncoder;
import io.tessera.kafka.local.LocalKafka;
import io.tessera.protocol.TopicDescriptor;
import io.tessera.protocol.Topics;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tessera bench-ingest}: how fast 2K JPEG frames go into Kafka. Prints figures; asserts
 * nothing (speed depends on the machine and on what else runs on it).
 */
@Command(name = "bench-ingest", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Measures ingest of simulated 2K JPEG frames (2048x1080, BSData photos, quality 90) into Kafka and prints:",
            "  1. render: frames/s one thread composes and JPEG-encodes;",
            "  2. max: frames/s and MB/s into the broker with pre-rendered frames (--distinct-frames), as fast as acknowledged;",
            "  3. paced: one camera at --fps, with pre-rendered images and then rendering every frame live:"
                    + " the rate achieved and the frames late.",
            "Without --bootstrap it starts a local single-node broker (a child JVM) and stops it at the end."
        })
public final class BenchIngestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "Kafka to measure against (default: start a local broker for the run).")
    String bootstrap;

    @Option(names = "--topic", paramLabel = "TOPIC", description = "Topic to write (created when missing) (default: ${DEFAULT-VALUE}).",
            defaultValue = "bench.frames")
    String topic;

    @Option(names = "--seconds", paramLabel = "N", description = "Length of the max phase (default: ${DEFAULT-VALUE}).", defaultValue = "15")
    int seconds;

    @Option(names = "--cameras", paramLabel = "N", description = "Cameras in the max phase (default: ${DEFAULT-VALUE}).", defaultValue = "1")
    int cameras;

    @Option(names = "--distinct-frames", paramLabel = "N", description = "Pre-rendered images per camera in the max phase (default: ${DEFAULT-VALUE}).",
            defaultValue = "16")
    int distinctFrames;

    @Option(names = "--fps", paramLabel = "N", description = "Rate of the paced phase (default: ${DEFAULT-VALUE}).", defaultValue = "30")
    double fps;

    @Option(names = "--paced-seconds", paramLabel = "N", description = "Length of the paced phase; 0 skips it (default: ${DEFAULT-VALUE}).",
            defaultValue = "10")
    int pacedSeconds;

    @Option(names = "--render-threads", paramLabel = "N", description = "Render-ahead threads in the paced phase (default: ${DEFAULT-VALUE}).",
            defaultValue = "2")
    int renderThreads;

    @Mixin
    ProducerOptions producer;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        LocalKafka local = null;
        String servers = bootstrap;
        if (servers == null) {
            out.println("starting a local Kafka broker ...");
            out.flush();
            local = LocalKafka.start();
            servers = local.bootstrapServers();
        }
        try {
            createTopic(servers, topic, Math.max(1, cameras));
            out.printf(Locale.ROOT, "broker %s, topic %s, %d CPU(s) visible%n", servers, topic, Runtime.getRuntime().availableProcessors());
            renderPhase(out);
            maxPhase(out, servers);
            if (pacedSeconds > 0) {
                pacedPhase(out, servers);
            }
            return 0;
        } finally {
            if (local != null) {
                local.close();
            }
        }
    }

    private void renderPhase(PrintWriter out) throws InterruptedException {
        try (LineSimulator sim = LineSimulator.builder().seed(1).renderThreads(0).distinctFrames(0).build()) {
            SimulatedCamera camera = sim.cameras().get(0);
            camera.next(); // warm-up
            int n = 20;
            long bytes = 0;
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                CapturedFrame f = camera.next().orElseThrow();
                bytes += f.sizeBytes();
            }
            double s = (System.nanoTime() - t0) / 1e9;
            out.printf(Locale.ROOT, "render: %.1f frames/s on one thread (%.1f ms a frame), mean JPEG %.0f KB%n",
                    n / s, 1000 * s / n, bytes / 1e3 / n);
            out.flush();
        }
    }

    private void maxPhase(PrintWriter out, String servers) throws InterruptedException {
        try (LineSimulator sim = LineSimulator.builder().camerasPerLine(cameras).seed(2).distinctFrames(distinctFrames)
                .renderThreads(0).encoder(FrameEncoder.jpeg(90)).build();
             KafkaFrameSink sink = KafkaFrameSink.create(frames(), producer.settings(servers),
                     "tessera-bench")) {
            sink.awaitTopic();
            for (SimulatedCamera c : sim.cameras()) { // render the distinct images before the clock starts
                for (int i = 0; i < distinctFrames; i++) {
                    c.render(i);
                }
            }
            long t0 = System.nanoTime();
            try (IngestRun run = IngestRun.start(sim.prerenderedCameras(), sink, Pace.asFastAsPossible(), Clock.systemUTC(), Duration.ofSeconds(seconds), 0)) {
                run.await();
                sink.flush();
                IngestSnapshot s = run.stats().snapshot(System.nanoTime());
                out.println("max: " + cameras + " camera(s), pre-rendered 2K JPEG: "
                        + s.summary(Duration.ofNanos(System.nanoTime() - t0))
                        + " (unpaced, so send latency is mostly queueing in the producer's buffer-memory)");
                out.flush();
            }
        }
    }

    /** One camera at {@code fps}: first with pre-rendered images (the producer and broker alone), then rendering live. */
    private void pacedPhase(PrintWriter out, String servers) throws InterruptedException {
        for (boolean live : new boolean[] {false, true}) {
            try (LineSimulator sim = LineSimulator.builder().seed(3).renderThreads(renderThreads)
                    .distinctFrames(live ? 0 : distinctFrames).build();
                 KafkaFrameSink sink = KafkaFrameSink.create(frames(), producer.settings(servers), "tessera-bench-paced")) {
                sink.awaitTopic();
                if (!live) {
                    for (int i = 0; i < distinctFrames; i++) {
                        sim.cameras().get(0).render(i);
                    }
                }
                long t0 = System.nanoTime();
                try (IngestRun run = IngestRun.start(sim.prerenderedCameras(), sink, Pace.fixedRate(fps), Clock.systemUTC(), Duration.ofSeconds(pacedSeconds), 0)) {
                    run.await();
                    IngestSnapshot s = run.stats().snapshot(System.nanoTime());
                    out.printf(Locale.ROOT, "paced: 1 camera at %.0f frames/s, %s: %s%n", fps,
                            live ? "rendered live (" + renderThreads + " render threads)" : distinctFrames + " pre-rendered images",
                            s.summary(Duration.ofNanos(System.nanoTime() - t0)));
                    out.flush();
                }
            }
        }
    }

    private TopicDescriptor<String, byte[]> frames() {
        TopicDescriptor<String, byte[]> d = Topics.defaults().frames();
        return new TopicDescriptor<>(topic, d.keySerde(), d.valueSerde());
    }

    private static void createTopic(String servers, String name, int partitions) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            try {
                admin.createTopics(List.of(new NewTopic(name, Optional.of(partitions), Optional.empty())
                        .configs(Map.of("max.message.bytes", Integer.toString(10 * 1024 * 1024 + 64 * 1024))))).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }
}

package io.tessera.ingest.sim;

import io.tessera.ingest.source.FrameEncoder;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Several lines with several simulated cameras each, over one image library. It makes the
 * cameras; publishing them is an {@code IngestRun}'s job. Usage from another module (a demo, a
 * benchmark):
 *
 * <pre>{@code
 * try (LineSimulator sim = LineSimulator.builder().lines(1).camerasPerLine(2).seed(7).build();
 *      KafkaFrameSink sink = KafkaFrameSink.create(Topics.defaults().frames(), ProducerSettings.defaults(bootstrap), "sim")) {
 *     try (IngestRun run = IngestRun.start(sim.prerenderedCameras(), sink, Pace.fixedRate(30), Clock.systemUTC(),
 *             Duration.ofSeconds(10), 0)) {
 *         run.await();
 *     }
 * }
 * }</pre>
 *
 * Camera ids: with one line and one camera, {@code cameraId} as given; otherwise
 * {@code <cameraId>-<line>-<camera>} (from 1). Line ids: {@code lineId}, or {@code <lineId>-<line>}
 * with several lines.
 */
public final class LineSimulator implements AutoCloseable {
    /** 5 s of distinct images at 30 frames/s. */
    public static final int DEFAULT_DISTINCT_FRAMES = 150;

    private final ImageLibrary library;
    private final List<SimulatedCamera> cameras;
    private final ExecutorService renderPool;

    private LineSimulator(ImageLibrary library, List<SimulatedCamera> cameras, ExecutorService renderPool) {
        this.library = library;
        this.cameras = List.copyOf(cameras);
        this.renderPool = renderPool;
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<SimulatedCamera> cameras() {
        return cameras;
    }

    public ImageLibrary library() {
        return library;
    }

    /** Renders every camera's distinct images now (see {@link SimulatedCamera#prerender()}). */
    public void prerender() throws InterruptedException {
        for (SimulatedCamera camera : cameras) {
            camera.prerender();
        }
    }

    /**
     * The cameras, their distinct images rendered: what to publish, so that rendering happens
     * before any publishing clock starts and the first seconds are not late.
     */
    public List<SimulatedCamera> prerenderedCameras() throws InterruptedException {
        prerender();
        return cameras;
    }

    @Override
    public void close() {
        cameras.forEach(SimulatedCamera::close);
        if (renderPool != null) {
            renderPool.shutdownNow();
        }
        library.close();
    }

    public static final class Builder {
        private int lines = 1;
        private int camerasPerLine = 1;
        private String cameraId = "cam";
        private String lineId = "line";
        private int width = 2048;
        private int height = 1080;
        private long seed = 1;
        private double defectRate = 0.2;
        private double scale = 1.0;
        private Path images;
        private int maxImages = 64;
        private int framesPerPart = 1;
        private int distinctFrames = DEFAULT_DISTINCT_FRAMES;
        private FrameEncoder encoder = FrameEncoder.jpeg(90);
        private int renderThreads = Math.min(2, Runtime.getRuntime().availableProcessors());
        private Clock clock = Clock.systemUTC();

        public Builder lines(int v) {
            this.lines = positive(v, "lines");
            return this;
        }

        public Builder camerasPerLine(int v) {
            this.camerasPerLine = positive(v, "cameras per line");
            return this;
        }

        public Builder cameraId(String v) {
            this.cameraId = v;
            return this;
        }

        public Builder lineId(String v) {
            this.lineId = v;
            return this;
        }

        public Builder size(int w, int h) {
            this.width = w;
            this.height = h;
            return this;
        }

        public Builder seed(long v) {
            this.seed = v;
            return this;
        }

        public Builder defectRate(double v) {
            this.defectRate = v;
            return this;
        }

        /** Photo scale (1.0 = native, as the classifier was trained). */
        public Builder scale(double v) {
            this.scale = v;
            return this;
        }

        /** A data set folder ({@code dev/<class>/}, {@code masks/<class>/}); null for the repository sample. */
        public Builder images(Path v) {
            this.images = v;
            return this;
        }

        public Builder maxImages(int v) {
            this.maxImages = v;
            return this;
        }

        public Builder framesPerPart(int v) {
            this.framesPerPart = v;
            return this;
        }

        /**
         * Images per camera rendered up front and cycled (frame n shows image n mod N), default
         * {@value LineSimulator#DEFAULT_DISTINCT_FRAMES}: a 2K JPEG costs about 25 ms of CPU, so
         * rendering every frame live (0) may not hold 30 frames/s on a busy machine, while
         * pre-rendered images cost nothing per frame. About 330 KB per image.
         */
        public Builder distinctFrames(int v) {
            this.distinctFrames = v;
            return this;
        }

        public Builder encoder(FrameEncoder v) {
            this.encoder = v;
            return this;
        }

        /** Threads that render frames ahead of their due time; 0 renders on the publishing thread. */
        public Builder renderThreads(int v) {
            if (v < 0) {
                throw new IllegalArgumentException("render threads must be >= 0, got " + v);
            }
            this.renderThreads = v;
            return this;
        }

        public Builder clock(Clock v) {
            this.clock = v;
            return this;
        }

        public LineSimulator build() {
            ImageLibrary library = ImageLibrary.load(images == null ? SampleImages.locate() : images, scale, maxImages, seed);
            try {
                FrameComposer composer = new FrameComposer(library, width, height);
                ExecutorService pool = renderThreads == 0 ? null : Executors.newFixedThreadPool(renderThreads, daemonThreads());
                List<SimulatedCamera> cameras = new ArrayList<>();
                boolean single = lines == 1 && camerasPerLine == 1;
                for (int l = 1; l <= lines; l++) {
                    String line = lines == 1 ? lineId : lineId + "-" + l;
                    for (int c = 1; c <= camerasPerLine; c++) {
                        cameras.add(SimulatedCamera.builder()
                                .cameraId(single ? cameraId : cameraId + "-" + l + "-" + c)
                                .lineId(line).composer(composer).encoder(encoder).seed(seed).defectRate(defectRate)
                                .framesPerPart(framesPerPart).distinctFrames(distinctFrames).clock(clock)
                                .renderAhead(pool, Math.max(2, 2 * renderThreads))
                                .build());
                    }
                }
                return new LineSimulator(library, cameras, pool);
            } catch (RuntimeException e) {
                library.close();
                throw e;
            }
        }

        private static ThreadFactory daemonThreads() {
            AtomicInteger n = new AtomicInteger();
            return r -> {
                Thread t = new Thread(r, "sim-render-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
        }

        private static int positive(int v, String what) {
            if (v < 1) {
                throw new IllegalArgumentException(what + " must be >= 1, got " + v);
            }
            return v;
        }
    }
}

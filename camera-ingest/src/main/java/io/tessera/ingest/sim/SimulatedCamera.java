package io.tessera.ingest.sim;

import io.tessera.ingest.CapturedFrame;
import io.tessera.ingest.source.EncodedImage;
import io.tessera.ingest.source.FrameEncoder;
import io.tessera.ingest.source.FrameSource;
import io.tessera.protocol.FrameMetadata;
import io.tessera.protocol.GroundTruth;
import io.tessera.protocol.Region;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * One simulated line camera. Frame {@code n} depends only on (seed, camera id, n): the same
 * seed gives byte-identical images, whatever order or thread renders them, so frames can be
 * rendered ahead on a small pool while the publisher waits for the next due time (a 2K JPEG
 * takes about 20 ms to encode, two thirds of a 30 fps period).
 *
 * <p>Every frame carries its ground truth (OK/DEFECT and the defect regions), the line, and a
 * part id: consecutive frames of a line show the same part for {@code framesPerPart} frames.
 */
public final class SimulatedCamera implements FrameSource {
    private final String cameraId;
    private final String lineId;
    private final FrameComposer composer;
    private final FrameEncoder encoder;
    private final long seed;
    private final double defectRate;
    private final int framesPerPart;
    private final int distinctFrames;
    private final Clock clock;
    private final ExecutorService renderPool;
    private final int lookahead;
    private final ArrayDeque<Future<CapturedFrame>> ahead = new ArrayDeque<>();
    private final ConcurrentHashMap<Long, Rendered> distinct = new ConcurrentHashMap<>();
    private long nextToRender;

    private SimulatedCamera(Builder b) {
        this.cameraId = requireText(b.cameraId, "camera id");
        this.lineId = requireText(b.lineId, "line id");
        this.composer = Objects.requireNonNull(b.composer, "composer");
        this.encoder = Objects.requireNonNull(b.encoder, "encoder");
        this.seed = b.seed;
        if (!(b.defectRate >= 0 && b.defectRate <= 1)) {
            throw new IllegalArgumentException("defect-rate must be within 0..1, got " + b.defectRate);
        }
        this.defectRate = b.defectRate;
        if (b.framesPerPart < 1) {
            throw new IllegalArgumentException("frames-per-part must be >= 1, got " + b.framesPerPart);
        }
        this.framesPerPart = b.framesPerPart;
        if (b.distinctFrames < 0) {
            throw new IllegalArgumentException("distinct-frames must be >= 0, got " + b.distinctFrames);
        }
        this.distinctFrames = b.distinctFrames;
        this.clock = Objects.requireNonNull(b.clock, "clock");
        this.renderPool = b.renderPool;
        this.lookahead = Math.max(1, b.lookahead);
        this.nextToRender = b.firstSequence;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String cameraId() {
        return cameraId;
    }

    public String lineId() {
        return lineId;
    }

    @Override
    public Optional<CapturedFrame> next() throws InterruptedException {
        if (renderPool == null) {
            return Optional.of(render(nextToRender++));
        }
        while (ahead.size() < lookahead) {
            long seq = nextToRender++;
            ahead.add(renderPool.submit(() -> render(seq)));
        }
        try {
            return Optional.of(ahead.poll().get());
        } catch (ExecutionException e) {
            throw new IllegalStateException("rendering a frame of " + describe() + " failed: " + e.getCause(), e.getCause());
        }
    }

    /**
     * Renders all {@code distinctFrames} images now (on the render pool when there is one), so
     * that a paced run starts with every image ready and no frame waits for the JPEG encoder.
     * Does nothing when every frame is rendered.
     */
    public void prerender() throws InterruptedException {
        List<Future<?>> pending = new ArrayList<>();
        for (long content = 0; content < distinctFrames; content++) {
            long c = content;
            if (renderPool == null) {
                distinct.computeIfAbsent(c, this::renderContent);
            } else {
                pending.add(renderPool.submit(() -> distinct.computeIfAbsent(c, this::renderContent)));
            }
        }
        for (Future<?> f : pending) {
            try {
                f.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("rendering an image of " + describe() + " failed: " + e.getCause(), e.getCause());
            }
        }
    }

    /** Distinct images this camera cycles through; 0 when every frame is rendered. */
    public int distinctFrames() {
        return distinctFrames;
    }

    /** Frame {@code sequence} of this camera, as the publisher would get it (capture time = now). */
    public CapturedFrame render(long sequence) {
        long content = distinctFrames > 0 ? sequence % distinctFrames : sequence;
        Rendered r = distinctFrames > 0 ? distinct.computeIfAbsent(content, this::renderContent) : renderContent(content);
        FrameMetadata metadata = new FrameMetadata(cameraId, lineId, sequence, clock.instant(), r.image.contentType(),
                r.image.width(), r.image.height(), lineId + "-part-" + (sequence / framesPerPart), r.truth(), r.regions());
        return CapturedFrame.of(metadata, r.image.bytes());
    }

    private Rendered renderContent(long content) {
        SplittableRandom rng = new SplittableRandom(mix(seed, cameraId.hashCode(), content));
        boolean defect = rng.nextDouble() < defectRate;
        Composition c = composer.compose(rng, defect);
        try {
            EncodedImage image = encoder.encode(c.image());
            return new Rendered(c.truth(), c.regions(), image);
        } finally {
            c.image().release();
        }
    }

    /** SplitMix64-style mixing, so nearby seeds and sequence numbers give unrelated streams. */
    private static long mix(long seed, int camera, long content) {
        long z = seed * 0x9E3779B97F4A7C15L + camera;
        z = (z ^ (z >>> 31)) * 0xBF58476D1CE4E5B9L + content;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public String describe() {
        return "sim " + cameraId + "@" + lineId;
    }

    @Override
    public boolean stampCaptureTime() {
        return true;
    }

    @Override
    public void close() {
        for (Future<CapturedFrame> f : ahead) {
            f.cancel(false);
        }
        ahead.clear();
        distinct.clear();
    }

    private static String requireText(String v, String what) {
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return v;
    }

    private record Rendered(GroundTruth truth, List<Region> regions, EncodedImage image) {
    }

    public static final class Builder {
        private String cameraId = "cam-1";
        private String lineId = "line-1";
        private FrameComposer composer;
        private FrameEncoder encoder = FrameEncoder.jpeg(90);
        private long seed = 1;
        private double defectRate = 0.2;
        private int framesPerPart = 1;
        private int distinctFrames;
        private Clock clock = Clock.systemUTC();
        private ExecutorService renderPool;
        private int lookahead = 4;
        private long firstSequence;

        public Builder cameraId(String v) {
            this.cameraId = v;
            return this;
        }

        public Builder lineId(String v) {
            this.lineId = v;
            return this;
        }

        public Builder composer(FrameComposer v) {
            this.composer = v;
            return this;
        }

        public Builder encoder(FrameEncoder v) {
            this.encoder = v;
            return this;
        }

        public Builder seed(long v) {
            this.seed = v;
            return this;
        }

        /** Fraction of frames (0..1) that show a defect photo. */
        public Builder defectRate(double v) {
            this.defectRate = v;
            return this;
        }

        public Builder framesPerPart(int v) {
            this.framesPerPart = v;
            return this;
        }

        /**
         * Cycle through this many distinct images (rendered once, then reused with fresh
         * headers); 0 renders every frame. For benchmarks of the broker rather than the renderer.
         */
        public Builder distinctFrames(int v) {
            this.distinctFrames = v;
            return this;
        }

        public Builder clock(Clock v) {
            this.clock = v;
            return this;
        }

        /** Render up to {@code lookahead} frames ahead on this pool (shared by cameras; owned by the caller). */
        public Builder renderAhead(ExecutorService pool, int lookahead) {
            this.renderPool = pool;
            this.lookahead = lookahead;
            return this;
        }

        public Builder firstSequence(long v) {
            this.firstSequence = v;
            return this;
        }

        public SimulatedCamera build() {
            return new SimulatedCamera(this);
        }
    }
}

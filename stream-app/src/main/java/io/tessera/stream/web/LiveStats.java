package io.tessera.stream.web;

import io.tessera.protocol.Decision;
import io.tessera.protocol.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Per camera and per line figures computed from the verdict stream over a sliding window:
 * frames/s (verdicts received per second), defect rate, unknown rate and the p95 of the
 * capture-to-verdict latency each verdict carries. Times are taken from the injected clock when
 * a verdict arrives, so a burst of verdicts after a pause shows as a burst, as an operator
 * would expect from a live view.
 */
final class LiveStats {
    /** A camera at 30 frames/s over a minute; more samples only slow the percentile down. */
    private static final int MAX_SAMPLES_PER_CAMERA = 1_800;
    /**
     * Camera ids come from record keys, which anyone with write access to the frames topic
     * chooses: a bound keeps a stream of made-up ids from growing the dashboard without end.
     * When it is reached the camera seen longest ago leaves the view.
     */
    static final int MAX_CAMERAS = 256;
    /** A camera silent this long leaves the view (its totals with it); an hour keeps a stopped camera visible. */
    static final Duration IDLE_EVICTION = Duration.ofHours(1);

    private final Clock clock;
    private final long windowMillis;
    private final long startedMillis;
    private final Map<String, CameraWindow> cameras = new TreeMap<>();

    LiveStats(Clock clock, Duration window) {
        this.clock = clock;
        this.windowMillis = window.toMillis();
        this.startedMillis = clock.millis();
    }

    synchronized void record(Verdict verdict) {
        long now = clock.millis();
        if (!cameras.containsKey(verdict.cameraId()) && cameras.size() >= MAX_CAMERAS) {
            cameras.entrySet().stream().min((a, b) -> Long.compare(a.getValue().lastSeenMillis, b.getValue().lastSeenMillis))
                    .ifPresent(oldest -> cameras.remove(oldest.getKey()));
        }
        CameraWindow camera = cameras.computeIfAbsent(verdict.cameraId(), id -> new CameraWindow(verdict.lineId(), now));
        camera.lineId = verdict.lineId();
        camera.lastSeenMillis = now;
        camera.add(new Sample(now, verdict.decision(), verdict.latency().totalMs()), verdict.sequence(), windowMillis);
    }

    /**
     * The figures now.
     *
     * @param lag the consumer lag (frames not yet inspected) of a set of cameras, empty when unknown
     */
    synchronized StatsSnapshot snapshot(Function<List<String>, OptionalLong> lag) {
        long now = clock.millis();
        cameras.values().removeIf(w -> now - w.lastSeenMillis > IDLE_EVICTION.toMillis());
        Map<String, List<String>> camerasByLine = new TreeMap<>();
        Map<String, List<Sample>> samplesByLine = new TreeMap<>();
        Map<String, Long> firstSeenByLine = new TreeMap<>();
        List<StatsSnapshot.CameraStats> cameraStats = new ArrayList<>();
        for (Map.Entry<String, CameraWindow> e : cameras.entrySet()) {
            CameraWindow w = e.getValue();
            w.prune(now, windowMillis);
            camerasByLine.computeIfAbsent(w.lineId, k -> new ArrayList<>()).add(e.getKey());
            samplesByLine.computeIfAbsent(w.lineId, k -> new ArrayList<>()).addAll(w.samples);
            firstSeenByLine.merge(w.lineId, w.firstSeenMillis, Math::min);
            Figures f = figures(w.samples, now, w.firstSeenMillis);
            cameraStats.add(new StatsSnapshot.CameraStats(e.getKey(), w.lineId, f.fps, f.defectRate, f.unknownRate,
                    f.p95, boxed(lag.apply(List.of(e.getKey()))), w.frames, w.defects, w.unknown, w.lastSequence));
        }
        List<StatsSnapshot.LineStats> lineStats = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : camerasByLine.entrySet()) {
            String line = e.getKey();
            Figures f = figures(samplesByLine.get(line), now, firstSeenByLine.get(line));
            long frames = 0;
            long defects = 0;
            long unknown = 0;
            for (String cam : e.getValue()) {
                CameraWindow w = cameras.get(cam);
                frames += w.frames;
                defects += w.defects;
                unknown += w.unknown;
            }
            lineStats.add(new StatsSnapshot.LineStats(line, List.copyOf(e.getValue()), f.fps, f.defectRate, f.unknownRate,
                    f.p95, boxed(lag.apply(e.getValue())), frames, defects, unknown));
        }
        return new StatsSnapshot(now, windowMillis, lineStats, cameraStats);
    }

    private Figures figures(Collection<Sample> samples, long now, long firstSeen) {
        if (samples.isEmpty()) {
            return new Figures(0, 0, 0, null);
        }
        // A camera seen for 3 s of a 10 s window ran at count/3 frames per second, not count/10.
        long span = Math.max(1_000, Math.min(windowMillis, now - Math.max(firstSeen, startedMillis)));
        int defects = 0;
        int unknown = 0;
        double[] latencies = new double[samples.size()];
        int i = 0;
        for (Sample s : samples) {
            defects += s.decision == Decision.DEFECT ? 1 : 0;
            unknown += s.decision == Decision.UNKNOWN ? 1 : 0;
            latencies[i++] = s.totalMs;
        }
        return new Figures(samples.size() * 1000.0 / span, (double) defects / samples.size(),
                (double) unknown / samples.size(), percentile(latencies, 0.95));
    }

    /** Nearest-rank percentile. */
    static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }

    private record Sample(long arrivalMillis, Decision decision, double totalMs) {
    }

    private record Figures(double fps, double defectRate, double unknownRate, Double p95) {
    }

    /** One camera's samples inside the window plus its totals since the dashboard started. */
    private static final class CameraWindow {
        private final Deque<Sample> samples = new ArrayDeque<>();
        private final long firstSeenMillis;
        private long lastSeenMillis;
        private String lineId;
        private long frames;
        private long defects;
        private long unknown;
        private long lastSequence = -1;

        CameraWindow(String lineId, long firstSeenMillis) {
            this.lineId = lineId;
            this.firstSeenMillis = firstSeenMillis;
            this.lastSeenMillis = firstSeenMillis;
        }

        void add(Sample s, long sequence, long windowMillis) {
            samples.addLast(s);
            frames++;
            defects += s.decision == Decision.DEFECT ? 1 : 0;
            unknown += s.decision == Decision.UNKNOWN ? 1 : 0;
            lastSequence = Math.max(lastSequence, sequence);
            prune(s.arrivalMillis, windowMillis);
        }

        void prune(long now, long windowMillis) {
            while (!samples.isEmpty() && (samples.peekFirst().arrivalMillis <= now - windowMillis
                    || samples.size() > MAX_SAMPLES_PER_CAMERA)) {
                samples.removeFirst();
            }
        }
    }
}

package io.tessera.stream.admission;

import io.tessera.stream.batch.Backlog;
import io.tessera.stream.config.AdmissionSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Decides, before a frame is decoded, whether it can still be decided within its budget. Under
 * overload a frame that is decoded, tiled and queued only to expire in the queue (or, worse, to
 * finish its model call after its deadline) costs the CPU that a frame which could have made it
 * needed; shedding it at once keeps the model busy with frames that will be decided (goodput), and
 * answers the shed one (UNKNOWN, reason late) at once.
 *
 * <p>A frame's service time is estimated per tile count from what was measured: decode and tiling
 * per tile (moving average over frames) and model time per tile (moving average over model calls),
 * charged for the frame's own tiles, for the tiles queued ahead of it (earliest deadline first:
 * a new frame's is the latest) and for what is left of the model call running now, plus the
 * batcher's fill window, all times {@code inspection.admission-safety}. A frame is shed when
 * that exceeds what is left of its budget.
 *
 * <p>So that an estimate inflated by a passing stall cannot shed every frame for ever (no frame
 * admitted, no new measurement), a frame is admitted whatever the estimate when the batcher is
 * idle and none was admitted for {@link #PROBE_AFTER}.
 *
 * <p>Thread-safe: stream threads share one instance; the batcher's worker feeds it model times.
 */
public final class AdmissionControl {
    /** Past its deadline when read: nothing left to estimate. */
    public static final String LATE_ON_ARRIVAL = "late-on-arrival";
    /** Its remaining budget cannot cover the estimated service time. */
    public static final String CANNOT_MEET_DEADLINE = "cannot-meet-deadline";
    /** With the batcher idle this long without an admission, the next frame is admitted to measure again. */
    public static final Duration PROBE_AFTER = Duration.ofSeconds(5);

    private final AdmissionSettings settings;
    private final Duration batchWait;
    private final Supplier<Backlog> backlog;
    private final ShedObserver observer;
    private final Clock clock;
    private final Ewma prepareNanosPerTile;
    private final ModelTimePerTile modelTime;
    private volatile Instant lastAdmitted;

    /**
     * @param batchWait  the batcher's fill window, which a frame may wait on top of the backlog
     * @param modelTime  the model's time per tile, fed by the batcher
     * @param backlog    what a frame would wait for in the batcher
     */
    public AdmissionControl(AdmissionSettings settings, Duration batchWait, ModelTimePerTile modelTime,
            Supplier<Backlog> backlog, ShedObserver observer, Clock clock) {
        this.settings = settings;
        this.batchWait = batchWait;
        this.backlog = backlog;
        this.observer = observer;
        this.clock = clock;
        this.prepareNanosPerTile = new Ewma(settings.smoothing());
        this.modelTime = modelTime;
        this.lastAdmitted = clock.instant();
    }

    /**
     * @param tiles    the frame's tile count (from its declared size, before decoding)
     * @param deadline capture time plus budget; null for a frame without budget (always admitted)
     */
    public Admission admit(int tiles, Instant deadline) {
        if (deadline == null) {
            return Admission.admit(Duration.ZERO, null);
        }
        Duration remaining = Duration.between(clock.instant(), deadline);
        if (remaining.isNegative() || remaining.isZero()) {
            observer.shed(LATE_ON_ARRIVAL);
            return Admission.shed(LATE_ON_ARRIVAL, Duration.ZERO, remaining);
        }
        if (!settings.enabled()) {
            return admitted(Duration.ZERO, remaining);
        }
        Backlog ahead = backlog.get();
        Duration estimate = estimate(tiles, ahead);
        if (estimate.compareTo(remaining) > 0) {
            boolean probe = ahead.idle() && !clock.instant().isBefore(lastAdmitted.plus(PROBE_AFTER));
            if (!probe) {
                observer.shed(CANNOT_MEET_DEADLINE);
                return Admission.shed(CANNOT_MEET_DEADLINE, estimate, remaining);
            }
        }
        return admitted(estimate, remaining);
    }

    private Admission admitted(Duration estimate, Duration remaining) {
        lastAdmitted = clock.instant();
        return Admission.admit(estimate, remaining);
    }

    /** The service time of a frame of {@code tiles} with {@code ahead} before it in the batcher. */
    public Duration estimate(int tiles, Backlog ahead) {
        double perTile = modelTime.nanos();
        double running = Math.max(0, ahead.runningTiles() * perTile - ahead.runningFor().toNanos());
        double nanos = tiles * prepareNanosPerTile.value() + (tiles + ahead.queuedTiles()) * perTile + running
                + batchWait.toNanos();
        return Duration.ofNanos(Math.round(settings.safety() * nanos));
    }

    /** Decoding and tiling of an admitted frame took {@code elapsed}. */
    public void prepared(int tiles, Duration elapsed) {
        if (tiles > 0) {
            prepareNanosPerTile.add((double) elapsed.toNanos() / tiles);
        }
    }
}

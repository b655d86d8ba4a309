package io.tessera.stream.admission;

import io.tessera.stream.config.AdmissionSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.IntSupplier;

/**
 * Decides, before a frame is decoded, whether it can still be decided within its budget. Under
 * overload a frame that is decoded, tiled and queued only to expire in the queue costs the CPU
 * that a frame which could have made it needed; shedding it at once keeps the model busy with
 * frames that will be decided (goodput), and answers the shed one (UNKNOWN, reason late) at once.
 *
 * <p>A frame's service time is estimated per tile count from what was measured: decode and tiling
 * per tile (moving average over frames), model time per tile (moving average over model calls),
 * and the tiles ahead of it in the batcher (waiting or in the running call), which it waits for
 * under earliest-deadline-first:
 * {@code safety x (tiles x prepare + (ahead + tiles) x infer + batch wait)}. A frame is shed when
 * that exceeds what is left of its budget. When nothing is ahead of it the frame is always
 * admitted: the model would idle otherwise, and the frame refreshes an estimate that a passing
 * stall may have inflated.
 *
 * <p>Thread-safe: stream threads share one instance; the batcher's worker feeds it model times.
 */
public final class AdmissionControl {
    /** Past its deadline when read: nothing left to estimate. */
    public static final String LATE_ON_ARRIVAL = "late-on-arrival";
    /** Its remaining budget cannot cover the estimated service time. */
    public static final String CANNOT_MEET_DEADLINE = "cannot-meet-deadline";

    private final AdmissionSettings settings;
    private final Duration batchWait;
    private final IntSupplier tilesAhead;
    private final ShedObserver observer;
    private final Clock clock;
    private final Ewma prepareNanosPerTile;
    private final ModelTimePerTile modelTime;

    /**
     * @param batchWait  the batcher's fill window, which a frame may wait on top of the backlog
     * @param modelTime  the model's time per tile, fed by the batcher
     * @param tilesAhead tiles waiting for the model or in its running call
     */
    public AdmissionControl(AdmissionSettings settings, Duration batchWait, ModelTimePerTile modelTime, IntSupplier tilesAhead,
            ShedObserver observer, Clock clock) {
        this.settings = settings;
        this.batchWait = batchWait;
        this.tilesAhead = tilesAhead;
        this.observer = observer;
        this.clock = clock;
        this.prepareNanosPerTile = new Ewma(settings.smoothing());
        this.modelTime = modelTime;
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
            return Admission.admit(Duration.ZERO, remaining);
        }
        int ahead = tilesAhead.getAsInt();
        Duration estimate = estimate(tiles, ahead);
        if (ahead > 0 && estimate.compareTo(remaining) > 0) {
            observer.shed(CANNOT_MEET_DEADLINE);
            return Admission.shed(CANNOT_MEET_DEADLINE, estimate, remaining);
        }
        return Admission.admit(estimate, remaining);
    }

    /** The service time of a frame of {@code tiles} with {@code ahead} tiles before it in the batcher. */
    public Duration estimate(int tiles, int ahead) {
        double nanos = tiles * prepareNanosPerTile.value() + (double) (ahead + tiles) * modelTime.nanos()
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

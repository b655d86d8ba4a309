package io.tessera.stream.admission;

import io.tessera.stream.batch.Backlog;
import io.tessera.stream.config.AdmissionSettings;
import io.tessera.stream.config.BatchSettings;
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
 * <p>A frame's service time is estimated from what was measured: decode and tiling per tile (moving
 * average over frames), and the model calls that must run before its scores are in, at the cost
 * of {@link ModelCallCost} (a fixed part per call and a part per tile, fitted to recent calls):
 * those queued ahead of it (earliest deadline first: a new frame's is the latest) in as many calls
 * as the batcher will make of them, its own tiles in a call of their own, and what is left of the
 * call running now; plus the batcher's fill window, all times {@code inspection.admission-safety}. A
 * frame is shed when that exceeds what is left of its budget.
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
    private final BatchSettings batch;
    private final Supplier<Backlog> backlog;
    private final ShedObserver observer;
    private final Clock clock;
    private final Ewma prepareNanosPerTile;
    private final ModelCallCost modelCost;
    private volatile Instant lastAdmitted;

    /**
     * @param batch     the batcher's settings: its fill window, which a frame may wait on top of the
     *                  backlog, and the size from which a batch runs at once (how many calls the
     *                  tiles ahead take)
     * @param modelCost what a model call costs, fed by the batcher
     * @param backlog   what a frame would wait for in the batcher
     */
    public AdmissionControl(AdmissionSettings settings, BatchSettings batch, ModelCallCost modelCost,
            Supplier<Backlog> backlog, ShedObserver observer, Clock clock) {
        this.settings = settings;
        this.batch = batch;
        this.backlog = backlog;
        this.observer = observer;
        this.clock = clock;
        this.prepareNanosPerTile = new Ewma(settings.smoothing());
        this.modelCost = modelCost;
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
        int modelTiles = tiles + ahead.queuedTiles();
        double running = ahead.runningTiles() == 0 ? 0
                : Math.max(0, modelCost.nanos(ahead.runningTiles()) - ahead.runningFor().toNanos());
        int calls = callsFor(ahead.queuedTiles(), ahead.queuedRequests()) + 1;
        double nanos = tiles * prepareNanosPerTile.value() + modelCost.nanos(calls, modelTiles) + running
                + batch.maxWait().toNanos();
        return Duration.ofNanos(Math.round(settings.safety() * nanos));
    }

    /**
     * The model calls the batcher makes of {@code requests} queued now, holding {@code tiles}: it
     * runs a batch as soon as it holds {@code batch.min-efficient-size} tiles, so no fewer calls
     * than that allows, and no more than one a request. The frame's own tiles come after decoding
     * and go in a call of their own.
     */
    private int callsFor(int tiles, int requests) {
        int perCall = batch.minEfficientSize();
        return Math.min(requests, (tiles + perCall - 1) / perCall);
    }

    /** Decoding and tiling of an admitted frame took {@code elapsed}. */
    public void prepared(int tiles, Duration elapsed) {
        if (tiles > 0) {
            prepareNanosPerTile.add((double) elapsed.toNanos() / tiles);
        }
    }
}

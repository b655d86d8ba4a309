package io.tessera.gate.core;

import io.tessera.gate.map.DecisionCode;
import io.tessera.gate.map.RegisterImage;
import io.tessera.gate.map.RegisterMap;
import io.tessera.gate.map.ResultSlot;
import io.tessera.gate.map.StatusBit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * The gate's half of the handshake with the PLC, on the register image:
 * <ol>
 *   <li>the gate writes result number n (1, 2, ... this session) into slot (n - 1) mod N and then
 *       sets the result counter to n mod 65536;</li>
 *   <li>the PLC, seeing the counter move, reads the slots from its last acknowledged value + 1 up to
 *       the counter (each slot's first register says which counter value it holds);</li>
 *   <li>the PLC writes the counter value of the newest result it consumed into the acknowledge
 *       register; that acknowledges it and every earlier one;</li>
 *   <li>a slot is written again only once its result is acknowledged, so at most N results are
 *       unacknowledged; further results wait, and those that reach their deadline while waiting are
 *       counted late instead of being written.</li>
 * </ol>
 * The policy decides which decisions are written at all. Time comes from the injected clock;
 * {@link #tick()} moves the heartbeat and the time-driven status bits. Thread-safe: the Kafka loop
 * offers results and applies acknowledgements while the Modbus server reads the image.
 */
public final class Handshake {

    /** What became of an offered result. */
    public enum Offer {
        WRITTEN,
        /** The policy does not write this decision. */
        WITHHELD,
        /** Its deadline had passed: not written. */
        LATE,
        /** Every slot holds an unacknowledged result: offer it again later. */
        RING_FULL;

        /** True when the result needs nothing more from the PLC before its offset may be committed. */
        public boolean settled() {
            return this == WITHHELD || this == LATE;
        }
    }

    private static final class Outstanding {
        final GateResult result;
        final Instant writtenAt;
        boolean pastDeadline;

        Outstanding(GateResult result, Instant writtenAt) {
            this.result = result;
            this.writtenAt = writtenAt;
        }
    }

    private final RegisterMap map;
    private final RegisterImage image;
    private final GatePolicy policy;
    private final HandshakeTiming timing;
    private final Clock clock;
    private final GateEvents events;
    private final Instant started;
    private final int session;

    private final ArrayDeque<Outstanding> outstanding = new ArrayDeque<>();
    private long written;
    private long acknowledged;
    private Instant lastAcknowledged;
    private Instant lastModelError;
    private Instant lastLate;
    private Instant lastUnacknowledged;
    private boolean brokerUnreachable;

    public Handshake(RegisterImage image, GatePolicy policy, HandshakeTiming timing, Clock clock, GateEvents events) {
        this.map = image.map();
        this.image = image;
        this.policy = policy;
        this.timing = timing;
        this.clock = clock;
        this.events = events;
        this.started = clock.instant();
        this.session = sessionFor(started);
        image.session(session);
        image.acknowledged(0);
        tick();
    }

    /**
     * A session id for a gate started at {@code start}: the low 16 bits of its epoch milliseconds,
     * never 0 (a PLC's "no session yet"). Two starts get the same id only when they are a multiple of
     * 65.536 s apart to the millisecond.
     */
    public static int sessionFor(Instant start) {
        int s = (int) (start.toEpochMilli() & 0xFFFF);
        return s == 0 ? 1 : s;
    }

    public synchronized Offer offer(GateResult result) {
        Instant now = clock.instant();
        if (result.modelError()) {
            lastModelError = now;
        }
        try {
            if (!policy.writes(result.decision())) {
                events.withheld(result);
                return Offer.WITHHELD;
            }
            if (!now.isBefore(result.deadline())) {
                lastLate = now;
                events.late(result, Duration.between(result.deadline(), now));
                return Offer.LATE;
            }
            if (written - acknowledged >= map.slots()) {
                return Offer.RING_FULL;
            }
            long n = ++written;
            int counter = (int) (n & 0xFFFF);
            ResultSlot slot = new ResultSlot(counter, result.sequence() & 0xFFFF_FFFFL, DecisionCode.of(result.decision()),
                    ResultSlot.scoreMilli(result.score()),
                    ResultSlot.millisLeft(Duration.between(now, result.deadline()).toMillis()),
                    Math.max(0, Math.min(0xFFFF_FFFFL, result.deadline().getEpochSecond())));
            image.publish(map.ring().slotOf(n), slot);
            outstanding.add(new Outstanding(result, now));
            events.written(result, counter, Duration.between(result.captureTime(), now));
            return Offer.WRITTEN;
        } finally {
            refreshStatus(now);
        }
    }

    /**
     * The PLC wrote {@code value} into the acknowledge register. Returns the results this
     * acknowledges, oldest first; empty when it repeats the last acknowledgement.
     *
     * @throws BadAcknowledgeException when no written, unacknowledged result has that counter value
     */
    public synchronized List<GateResult> acknowledge(int value) {
        int last = (int) (acknowledged & 0xFFFF);
        int ahead = (value - last) & 0xFFFF;
        if (ahead == 0) {
            return List.of();
        }
        long pending = written - acknowledged;
        if (ahead > pending) {
            String why = "acknowledge " + value + " is not one of the " + pending + " unacknowledged results after " + last
                    + " (newest written: " + (written & 0xFFFF) + ")";
            events.badAcknowledge(value, why);
            throw new BadAcknowledgeException(why);
        }
        Instant now = clock.instant();
        List<GateResult> done = new ArrayList<>(ahead);
        for (int i = 0; i < ahead; i++) {
            Outstanding o = outstanding.poll();
            done.add(o.result);
            events.acknowledged(o.result, Duration.between(o.writtenAt, now));
        }
        acknowledged += ahead;
        lastAcknowledged = now;
        image.acknowledged(value);
        refreshStatus(now);
        return done;
    }

    /** Moves the heartbeat, flags written results whose deadline passed unacknowledged, refreshes the status. */
    public synchronized void tick() {
        Instant now = clock.instant();
        image.heartbeat((int) (Duration.between(started, now).toSeconds() & 0xFFFF));
        for (Outstanding o : outstanding) {
            if (!o.pastDeadline && !now.isBefore(o.result.deadline())) {
                o.pastDeadline = true;
                lastUnacknowledged = now;
                events.unacknowledged(o.result);
            }
        }
        refreshStatus(now);
    }

    public synchronized void brokerReachable(boolean reachable) {
        brokerUnreachable = !reachable;
        refreshStatus(clock.instant());
    }

    public synchronized EnumSet<StatusBit> status() {
        return StatusBit.fromRegister(image.get(map.status().status()));
    }

    public int session() {
        return session;
    }

    /** Results written this session. */
    public synchronized long written() {
        return written;
    }

    /** When the PLC last acknowledged a result this session; empty before the first. */
    public synchronized Optional<Instant> lastAcknowledged() {
        return Optional.ofNullable(lastAcknowledged);
    }

    /** Results the PLC acknowledged this session. */
    public synchronized long acknowledged() {
        return acknowledged;
    }

    private void refreshStatus(Instant now) {
        EnumSet<StatusBit> bits = EnumSet.noneOf(StatusBit.class);
        if (within(lastModelError, now)) {
            bits.add(StatusBit.MODEL_ERROR);
        }
        if (brokerUnreachable) {
            bits.add(StatusBit.BROKER_UNREACHABLE);
        }
        if (within(lastLate, now)) {
            bits.add(StatusBit.RESULT_LATE);
        }
        if (within(lastUnacknowledged, now)) {
            bits.add(StatusBit.RESULT_UNACKNOWLEDGED);
        }
        Outstanding oldest = outstanding.peek();
        if (oldest != null && Duration.between(oldest.writtenAt, now).compareTo(timing.ackTimeout()) >= 0) {
            bits.add(StatusBit.PLC_NOT_ACKNOWLEDGING);
        }
        if (written - acknowledged >= map.slots()) {
            bits.add(StatusBit.RING_FULL);
        }
        image.status(StatusBit.toRegister(bits));
    }

    private boolean within(Instant event, Instant now) {
        return event != null && Duration.between(event, now).compareTo(timing.statusHold()) <= 0;
    }
}

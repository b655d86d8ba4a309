package io.tessera.launcher.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * What a run will do and when, drawn from a seeded {@link Random}: the same seed gives the same
 * schedule. Faults (kills and broker restarts) get one slot each of the window between the
 * warm-up and the tail, in a shuffled order, each at a random point of the middle half of its
 * slot, so two faults are always at least half a slot apart and each one's recovery can be seen
 * on its own. Bad frames go at random times anywhere in the window.
 */
public final class ChaosSchedule {
    /** Faults closer than this would overlap their recoveries on a loaded machine. */
    static final Duration MIN_SLOT = Duration.ofSeconds(20);

    private final List<ChaosEvent> events;

    private ChaosSchedule(List<ChaosEvent> events) {
        this.events = List.copyOf(events);
    }

    /**
     * @param warmUp  no fault before this (the cameras and the group settle first)
     * @param tail    no fault in the last stretch (the last recovery happens while cameras still send)
     * @throws IllegalArgumentException naming --duration when the window is too short for the faults
     */
    public static ChaosSchedule plan(int kills, int brokerRestarts, int instances, int badFrameRounds, Duration duration,
                                     Duration warmUp, Duration tail, Random random) {
        if (kills < 0 || brokerRestarts < 0 || badFrameRounds < 0) {
            throw new IllegalArgumentException("--kills, --broker-restarts and --bad-frames must be >= 0");
        }
        if (kills > 0 && instances < 1) {
            throw new IllegalArgumentException("--kills needs at least one instance");
        }
        long window = duration.minus(warmUp).minus(tail).toMillis();
        int faults = kills + brokerRestarts;
        if (window <= 0 || (faults > 0 && window / faults < MIN_SLOT.toMillis())) {
            long needed = warmUp.plus(tail).plus(MIN_SLOT.multipliedBy(Math.max(1, faults))).toSeconds();
            throw new IllegalArgumentException("--duration " + duration.toSeconds() + "s is too short for " + faults
                    + " fault(s): give at least " + needed + "s (" + warmUp.toSeconds() + "s warm-up, " + tail.toSeconds()
                    + "s tail, " + MIN_SLOT.toSeconds() + "s per fault)");
        }
        List<Boolean> isKill = new ArrayList<>();
        for (int i = 0; i < kills; i++) {
            isKill.add(true);
        }
        for (int i = 0; i < brokerRestarts; i++) {
            isKill.add(false);
        }
        Collections.shuffle(isKill, random);
        List<ChaosEvent> events = new ArrayList<>();
        for (int slot = 0; slot < faults; slot++) {
            long slotLength = window / faults;
            long offset = slotLength / 4 + (long) (random.nextDouble() * (slotLength / 2.0));
            Duration at = warmUp.plusMillis(slot * slotLength + offset);
            events.add(isKill.get(slot) ? new ChaosEvent.Kill(at, random.nextInt(instances)) : new ChaosEvent.BrokerRestart(at));
        }
        for (int round = 0; round < badFrameRounds; round++) {
            for (BadFrameKind kind : BadFrameKind.values()) {
                events.add(new ChaosEvent.InjectBadFrame(warmUp.plusMillis((long) (random.nextDouble() * window)), kind));
            }
        }
        events.sort(Comparator.comparing(ChaosEvent::at));
        return new ChaosSchedule(events);
    }

    /** Every event in time order. */
    public List<ChaosEvent> events() {
        return events;
    }

    public long kills() {
        return events.stream().filter(e -> e instanceof ChaosEvent.Kill).count();
    }

    public long brokerRestarts() {
        return events.stream().filter(e -> e instanceof ChaosEvent.BrokerRestart).count();
    }

    public long badFrames() {
        return events.stream().filter(e -> e instanceof ChaosEvent.InjectBadFrame).count();
    }
}

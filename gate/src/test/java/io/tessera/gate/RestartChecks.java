package io.tessera.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tessera.gate.sim.PlcSimulator;
import io.tessera.gate.sim.PlcSimulator.Observation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * What a gate restart must leave behind, seen from the PLC: one gate session before the restart,
 * one after.
 * <ul>
 *   <li>nothing the PLC saw acknowledged is written again;</li>
 *   <li>no part is skipped: every sequence was read;</li>
 *   <li>each part is confirmed at most once, in order;</li>
 *   <li>a part read but never confirmed was read before the restart, when the gate died before
 *       answering its acknowledgement (having committed it, or not: then it is written again).</li>
 * </ul>
 */
public final class RestartChecks {
    private RestartChecks() {
    }

    /** Until parts 0 to {@code parts - 1} were read and the PLC saw every result of the new gate confirmed. */
    static void awaitEveryPartRead(PlcSimulator plc, GateService second, int parts, Duration atMost) {
        awaitEveryPartRead(plc, second, firstParts(parts), atMost);
    }

    /** Until every one of {@code expected} was read and the PLC saw every result of the new gate confirmed. */
    public static void awaitEveryPartRead(PlcSimulator plc, GateService second, Set<Long> expected, Duration atMost) {
        int after = second.handshake().session();
        await().atMost(atMost).until(() -> {
            PlcSimulator.Stats s = plc.stats();
            Set<Long> read = s.observed().stream().map(Observation::sequence).collect(Collectors.toSet());
            long confirmedAfter = s.confirmed().stream().filter(o -> o.session() == after).count();
            return read.containsAll(expected) && confirmedAfter == second.handshake().written();
        });
    }

    static void assertExactlyOnceTowardsThePlc(PlcSimulator.Stats stats, GateService second, int parts, int slots) {
        assertExactlyOnceTowardsThePlc(stats, second, firstParts(parts), slots);
    }

    /** The checks above, where {@code expected} are the sequences the gate had to write (its policy's decisions). */
    public static void assertExactlyOnceTowardsThePlc(PlcSimulator.Stats stats, GateService second, Set<Long> expected, int slots) {
        assertThat(stats.sessions()).isEqualTo(2);
        int after = second.handshake().session();
        Set<Long> confirmedBefore = new HashSet<>();
        Set<Long> readBefore = new HashSet<>();
        List<Long> presentedAfter = new ArrayList<>();
        for (Observation o : stats.confirmed()) {
            if (o.session() != after) {
                confirmedBefore.add(o.sequence());
            }
        }
        for (Observation o : stats.observed()) {
            if (o.session() != after) {
                readBefore.add(o.sequence());
            } else {
                presentedAfter.add(o.sequence());
            }
        }
        assertThat(confirmedBefore).as("acknowledged before the restart").isNotEmpty();
        assertThat(presentedAfter).as("nothing acknowledged is written again").doesNotContainAnyElementsOf(confirmedBefore);
        assertThat(presentedAfter).as("written once each by the new gate").doesNotHaveDuplicates();
        assertThat(second.handshake().written()).isEqualTo(presentedAfter.size());

        List<Long> confirmed = stats.confirmed().stream().map(Observation::sequence).toList();
        assertThat(confirmed).as("confirmed at most once, in order").isSorted().doesNotHaveDuplicates();
        Set<Long> read = new TreeSet<>(readBefore);
        read.addAll(presentedAfter);
        assertThat(read).as("no part skipped, none written that should not be").containsExactlyElementsOf(new TreeSet<>(expected));

        Set<Long> neverConfirmed = new TreeSet<>(read);
        confirmed.forEach(neverConfirmed::remove);
        assertThat(readBefore).as("a part never confirmed was read before the restart").containsAll(neverConfirmed);
        assertThat(neverConfirmed).as("at most one ring's worth of unanswered acknowledgements").hasSizeLessThanOrEqualTo(slots);
    }

    private static Set<Long> firstParts(int parts) {
        return LongStream.range(0, parts).boxed().collect(Collectors.toCollection(TreeSet::new));
    }
}

package io.tessera.gate.core;

import static io.tessera.gate.core.GateResults.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.gate.core.Handshake.Offer;
import io.tessera.gate.map.DecisionCode;
import io.tessera.gate.map.RegisterImage;
import io.tessera.gate.map.RegisterMap;
import io.tessera.gate.map.ResultSlot;
import io.tessera.gate.map.StatusBit;
import io.tessera.protocol.Decision;
import io.tessera.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HandshakeTest {
    private static final Duration WINDOW = Duration.ofSeconds(3);

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T08:00:00Z"));
    private final RegisterMap map = new RegisterMap(0, 1, 3);
    private final RegisterImage image = new RegisterImage(map);
    private final Recorder events = new Recorder();

    private Handshake handshake(GatePolicy policy) {
        return new Handshake(image, policy, new HandshakeTiming(Duration.ofMillis(500), Duration.ofSeconds(2)), clock, events);
    }

    @Test
    void passSignalWritesOnlyOkAndRejectSignalOnlyDefectAndUnknown() {
        Handshake pass = handshake(GatePolicy.PASS_SIGNAL);
        Instant now = clock.instant();
        assertThat(pass.offer(result(1, Decision.OK, now, WINDOW))).isEqualTo(Offer.WRITTEN);
        assertThat(pass.offer(result(2, Decision.DEFECT, now, WINDOW))).isEqualTo(Offer.WITHHELD);
        assertThat(pass.offer(result(3, Decision.UNKNOWN, now, WINDOW))).isEqualTo(Offer.WITHHELD);
        assertThat(events.withheld).containsExactly(2L, 3L);

        RegisterImage other = new RegisterImage(map);
        Handshake reject = new Handshake(other, GatePolicy.REJECT_SIGNAL, HandshakeTiming.defaults(), clock, GateEvents.NONE);
        assertThat(reject.offer(result(1, Decision.OK, now, WINDOW))).isEqualTo(Offer.WITHHELD);
        assertThat(reject.offer(result(2, Decision.DEFECT, now, WINDOW))).isEqualTo(Offer.WRITTEN);
        assertThat(reject.offer(result(3, Decision.UNKNOWN, now, WINDOW))).isEqualTo(Offer.WRITTEN);
        assertThat(slot(other, 0).decision()).isEqualTo(DecisionCode.DEFECT);
        assertThat(slot(other, 1).decision()).isEqualTo(DecisionCode.UNKNOWN);
    }

    @Test
    void aWrittenResultFillsItsSlotAndMovesTheCounter() {
        Handshake h = handshake(GatePolicy.PASS_SIGNAL);
        Instant capture = clock.instant();
        clock.advanceMillis(400);
        h.offer(result(0x1_0000_0005L, Decision.OK, capture, WINDOW));

        ResultSlot slot = slot(image, 0);
        assertThat(image.get(map.status().resultCounter())).isEqualTo(1);
        assertThat(slot.counter()).isEqualTo(1);
        assertThat(slot.sequence()).as("the sequence modulo 2^32").isEqualTo(5);
        assertThat(slot.scoreMilli()).isEqualTo(100);
        assertThat(slot.millisLeft()).isEqualTo(2_600);
        assertThat(slot.deadlineEpochSeconds()).isEqualTo(capture.plus(WINDOW).getEpochSecond());
        assertThat(events.captureToWrite).containsExactly(Duration.ofMillis(400));
        assertThat(image.get(map.status().session())).isEqualTo(h.session()).isNotZero();
    }

    @Test
    void aResultPastItsDeadlineIsCountedAndFlaggedNotWritten() {
        Handshake h = handshake(GatePolicy.PASS_SIGNAL);
        Instant capture = clock.instant();
        clock.advance(WINDOW);
        assertThat(h.offer(result(1, Decision.OK, capture, WINDOW))).isEqualTo(Offer.LATE);
        assertThat(image.get(map.status().resultCounter())).isZero();
        assertThat(events.late).containsExactly(1L);
        assertThat(h.status()).contains(StatusBit.RESULT_LATE);

        clock.advanceMillis(2_001);
        h.tick();
        assertThat(h.status()).as("the late bit is held for the status hold, then cleared").doesNotContain(StatusBit.RESULT_LATE);
    }

    @Test
    void slotsAreReusedOnlyAfterAcknowledgementAndAnAckCoversEarlierResults() {
        Handshake h = handshake(GatePolicy.PASS_SIGNAL);
        Instant now = clock.instant();
        for (int i = 1; i <= 3; i++) {
            assertThat(h.offer(result(i, Decision.OK, now, WINDOW))).isEqualTo(Offer.WRITTEN);
        }
        assertThat(h.offer(result(4, Decision.OK, now, WINDOW))).isEqualTo(Offer.RING_FULL);
        assertThat(h.status()).contains(StatusBit.RING_FULL);

        assertThat(h.acknowledge(2)).extracting(GateResult::sequence).containsExactly(1L, 2L);
        assertThat(image.get(map.ack().ack())).isEqualTo(2);
        assertThat(h.acknowledge(2)).as("a repeated acknowledgement").isEmpty();
        assertThat(h.offer(result(4, Decision.OK, now, WINDOW))).isEqualTo(Offer.WRITTEN);
        assertThat(slot(image, 0).counter()).as("result 4 reuses slot 0").isEqualTo(4);
        assertThat(slot(image, 0).sequence()).isEqualTo(4);
        assertThat(slot(image, 2).counter()).as("result 3, unacknowledged, is untouched").isEqualTo(3);
        assertThat(h.offer(result(5, Decision.OK, now, WINDOW))).isEqualTo(Offer.WRITTEN);
        assertThat(h.offer(result(6, Decision.OK, now, WINDOW))).isEqualTo(Offer.RING_FULL);
        assertThat(h.written()).isEqualTo(5);
        assertThat(h.acknowledged()).isEqualTo(2);
    }

    @Test
    void anAcknowledgementOfNothingWrittenIsRefused() {
        Handshake h = handshake(GatePolicy.PASS_SIGNAL);
        h.offer(result(1, Decision.OK, clock.instant(), WINDOW));
        assertThatThrownBy(() -> h.acknowledge(2)).isInstanceOf(BadAcknowledgeException.class)
                .hasMessageContaining("acknowledge 2");
        assertThat(events.badAcks).containsExactly(2);
        assertThat(h.acknowledged()).isZero();
        h.acknowledge(1);
        assertThatThrownBy(() -> h.acknowledge(0)).as("behind the last acknowledgement").isInstanceOf(BadAcknowledgeException.class);
    }

    @Test
    void theCounterWrapsAt65536AndAcknowledgementsFollowIt() {
        Handshake h = new Handshake(new RegisterImage(new RegisterMap(0, 1, 1)), GatePolicy.REJECT_SIGNAL,
                HandshakeTiming.defaults(), clock, GateEvents.NONE);
        Instant now = clock.instant();
        for (int n = 1; n <= 65_537; n++) {
            h.offer(result(n, Decision.DEFECT, now, WINDOW));
            h.acknowledge(n & 0xFFFF);
        }
        assertThat(h.acknowledged()).isEqualTo(65_537);
    }

    @Test
    void unacknowledgedResultsAreCountedOnceAtTheirDeadlineAndAStalledPlcIsFlagged() {
        Handshake h = handshake(GatePolicy.PASS_SIGNAL);
        Instant capture = clock.instant();
        h.offer(result(1, Decision.OK, capture, WINDOW));
        h.offer(result(2, Decision.OK, capture, WINDOW.plusSeconds(5)));
        clock.advanceMillis(499);
        h.tick();
        assertThat(h.status()).doesNotContain(StatusBit.PLC_NOT_ACKNOWLEDGING);
        clock.advanceMillis(1);
        h.tick();
        assertThat(h.status()).contains(StatusBit.PLC_NOT_ACKNOWLEDGING).doesNotContain(StatusBit.RESULT_UNACKNOWLEDGED);

        clock.advance(WINDOW);
        h.tick();
        h.tick();
        assertThat(events.unacknowledged).containsExactly(1L);
        assertThat(h.status()).contains(StatusBit.RESULT_UNACKNOWLEDGED);

        h.acknowledge(2);
        h.tick();
        assertThat(h.status()).doesNotContain(StatusBit.PLC_NOT_ACKNOWLEDGING).contains(StatusBit.RESULT_UNACKNOWLEDGED);
        assertThat(events.acknowledged).containsExactly(1L, 2L);
    }

    @Test
    void theHeartbeatChangesEverySecondAndModelErrorsAndTheBrokerShowInTheStatus() {
        Handshake h = handshake(GatePolicy.PASS_SIGNAL);
        int first = image.get(map.status().heartbeat());
        clock.advanceMillis(999);
        h.tick();
        assertThat(image.get(map.status().heartbeat())).isEqualTo(first);
        clock.advanceMillis(1);
        h.tick();
        assertThat(image.get(map.status().heartbeat())).isEqualTo(first + 1);

        h.offer(result(1, Decision.UNKNOWN, clock.instant(), WINDOW));
        assertThat(h.status()).as("seen even though pass-signal withholds it").contains(StatusBit.MODEL_ERROR);
        h.brokerReachable(false);
        assertThat(h.status()).contains(StatusBit.BROKER_UNREACHABLE);
        h.brokerReachable(true);
        assertThat(h.status()).doesNotContain(StatusBit.BROKER_UNREACHABLE);
    }

    @Test
    void sessionsDifferBetweenStartsAndAreNeverZero() {
        Instant t = Instant.parse("2026-03-01T08:00:00Z");
        assertThat(Handshake.sessionFor(t)).isNotEqualTo(Handshake.sessionFor(t.plusMillis(1)));
        assertThat(Handshake.sessionFor(Instant.ofEpochMilli(65_536))).isEqualTo(1);
    }

    private static ResultSlot slot(RegisterImage image, int index) {
        RegisterMap map = image.map();
        return ResultSlot.decode(image.read(map.ring().slotAddress(index), ResultSlot.LENGTH), 0);
    }

    private static final class Recorder implements GateEvents {
        final List<Long> withheld = new ArrayList<>();
        final List<Long> late = new ArrayList<>();
        final List<Long> unacknowledged = new ArrayList<>();
        final List<Long> acknowledged = new ArrayList<>();
        final List<Integer> badAcks = new ArrayList<>();
        final List<Duration> captureToWrite = new ArrayList<>();

        @Override
        public void written(GateResult result, int counter, Duration d) {
            captureToWrite.add(d);
        }

        @Override
        public void withheld(GateResult result) {
            withheld.add(result.sequence());
        }

        @Override
        public void late(GateResult result, Duration lateness) {
            late.add(result.sequence());
        }

        @Override
        public void acknowledged(GateResult result, Duration writeToAck) {
            acknowledged.add(result.sequence());
        }

        @Override
        public void unacknowledged(GateResult result) {
            unacknowledged.add(result.sequence());
        }

        @Override
        public void badAcknowledge(int value, String why) {
            badAcks.add(value);
        }
    }
}

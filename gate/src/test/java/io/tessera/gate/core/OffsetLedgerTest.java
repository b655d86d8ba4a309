package io.tessera.gate.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetLedgerTest {
    private static final TopicPartition P0 = new TopicPartition("verdicts", 0);
    private static final TopicPartition P1 = new TopicPartition("verdicts", 1);

    @Test
    void nothingIsCommittedPastAnUnsettledRecord() {
        OffsetLedger ledger = new OffsetLedger();
        ledger.read(pos(P0, 10));
        ledger.readAndSettled(pos(P0, 11));
        ledger.read(pos(P0, 12));
        assertThat(ledger.toCommit()).containsExactly(Map.entry(P0, new OffsetAndMetadata(10)));
        ledger.committed(ledger.toCommit());
        assertThat(ledger.toCommit()).as("nothing moved").isEmpty();

        ledger.settled(pos(P0, 12));
        assertThat(ledger.toCommit()).as("10 still holds the position").isEmpty();
        ledger.settled(pos(P0, 10));
        assertThat(ledger.toCommit()).containsExactly(Map.entry(P0, new OffsetAndMetadata(13)));
        assertThat(ledger.unsettled()).isZero();
    }

    @Test
    void partitionsAreIndependent() {
        OffsetLedger ledger = new OffsetLedger();
        ledger.read(pos(P0, 0));
        ledger.readAndSettled(pos(P1, 5));
        assertThat(ledger.toCommit()).containsOnly(Map.entry(P0, new OffsetAndMetadata(0)), Map.entry(P1, new OffsetAndMetadata(6)));
        assertThat(ledger.unsettled()).isEqualTo(1);
    }

    private static RecordPosition pos(TopicPartition tp, long offset) {
        return new RecordPosition(tp, offset);
    }
}

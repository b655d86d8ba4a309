package io.tessera.gate.core;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which offsets may be committed: per partition, everything before the oldest record that is not
 * settled yet (written but not acknowledged, or still waiting for a slot). Records the gate does not
 * write (other lines, withheld by the policy, late, malformed) settle as soon as they are read. So
 * a committed offset never passes a result the PLC has not acknowledged, and a restarted gate
 * starts with the first result that was not. Used by the Kafka loop thread only.
 */
public final class OffsetLedger {

    private static final class PartitionLedger {
        final TreeSet<Long> unsettled = new TreeSet<>();
        long next = -1;
        long committed = -1;

        long committable() {
            return unsettled.isEmpty() ? next : unsettled.first();
        }
    }

    private final Map<TopicPartition, PartitionLedger> partitions = new HashMap<>();

    /** A record was read; it stays unsettled until {@link #settled}. */
    public void read(RecordPosition position) {
        PartitionLedger p = partitions.computeIfAbsent(position.partition(), k -> new PartitionLedger());
        p.unsettled.add(position.offset());
        p.next = Math.max(p.next, position.offset() + 1);
    }

    public void settled(RecordPosition position) {
        PartitionLedger p = partitions.get(position.partition());
        if (p != null) {
            p.unsettled.remove(position.offset());
        }
    }

    /** A record that needs nothing from the PLC. */
    public void readAndSettled(RecordPosition position) {
        read(position);
        settled(position);
    }

    /** Unsettled records, all partitions. */
    public int unsettled() {
        return partitions.values().stream().mapToInt(p -> p.unsettled.size()).sum();
    }

    /** Positions that moved since the last {@link #committed}; empty when nothing needs committing. */
    public Map<TopicPartition, OffsetAndMetadata> toCommit() {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        partitions.forEach((tp, p) -> {
            long c = p.committable();
            if (c > p.committed) {
                out.put(tp, new OffsetAndMetadata(c));
            }
        });
        return out;
    }

    public void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((tp, o) -> {
            PartitionLedger p = partitions.get(tp);
            if (p != null) {
                p.committed = Math.max(p.committed, o.offset());
            }
        });
    }
}

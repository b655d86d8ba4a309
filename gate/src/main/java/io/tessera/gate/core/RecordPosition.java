package io.tessera.gate.core;

import org.apache.kafka.common.TopicPartition;

/** Where a result came from in Kafka: what the gate commits once the PLC has acknowledged it. */
public record RecordPosition(TopicPartition partition, long offset) {
}

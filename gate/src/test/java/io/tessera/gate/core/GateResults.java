package io.tessera.gate.core;

import io.tessera.protocol.Decision;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.TopicPartition;

/** Results for tests: sequence n at offset n of partition 0, captured at {@code capture}. */
final class GateResults {
    static final TopicPartition P0 = new TopicPartition("verdicts", 0);

    private GateResults() {
    }

    static GateResult result(long sequence, Decision decision, Instant capture, Duration window) {
        return new GateResult(new RecordPosition(P0, sequence), "line-1", "cam-1", sequence, decision,
                decision == Decision.UNKNOWN ? "model-error" : null, decision == Decision.OK ? 0.1 : 0.9, capture,
                capture.plus(window));
    }
}

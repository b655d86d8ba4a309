package io.tessera.gate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tessera.gate.core.GateResult;
import io.tessera.gate.core.RecordPosition;
import io.tessera.gate.map.StatusBit;
import io.tessera.gate.metrics.GateMeters;
import io.tessera.protocol.Decision;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class GateStatusLineTest {

    @Test
    void eachLineCountsOnlyItsOwnMetersWhenGatesShareARegistry() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        GateMeters one = new GateMeters(registry, "line-1");
        GateMeters two = new GateMeters(registry, "line-2");
        GateResult ok = new GateResult(new RecordPosition(new TopicPartition("verdicts", 0), 0), "line-2", "cam", 1, Decision.OK, null,
                0.1, Instant.EPOCH, Instant.EPOCH.plusSeconds(3));
        two.written(ok, 1, Duration.ofMillis(5));
        two.written(ok, 2, Duration.ofMillis(5));
        two.acknowledged(ok, Duration.ofMillis(1));
        one.late(ok, Duration.ofMillis(1));
        one.withheld(new GateResult(ok.position(), "line-1", "cam", 2, Decision.UNKNOWN, "late", 0, Instant.EPOCH, Instant.EPOCH));

        assertThat(GateStatusLine.of("line-1", 3, EnumSet.of(StatusBit.RESULT_LATE), registry))
                .isEqualTo("gate line-1: written OK 0 DEFECT 0 UNKNOWN 0, withheld OK 0 DEFECT 0 UNKNOWN 1, acknowledged 0, late 1, unacknowledged 0, lag 3, status [RESULT_LATE]");
        assertThat(GateStatusLine.of("line-2", 0, EnumSet.noneOf(StatusBit.class), registry))
                .isEqualTo("gate line-2: written OK 2 DEFECT 0 UNKNOWN 0, withheld OK 0 DEFECT 0 UNKNOWN 0, acknowledged 1, late 0, unacknowledged 0, lag 0, status []");
    }
}

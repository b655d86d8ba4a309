package io.tessera.gate.metrics;

import io.tessera.gate.core.GateEvents;
import io.tessera.gate.core.GateResult;
import io.tessera.gate.core.RecordPosition;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One log line per result that needs a person's attention: late, unacknowledged, refused, malformed. */
public final class GateLog implements GateEvents {
    private static final Logger LOG = LoggerFactory.getLogger(GateLog.class);

    @Override
    public void late(GateResult r, Duration lateness) {
        LOG.warn("Late result not written: line {} camera {} sequence {} {} arrived {} ms after its deadline {}",
                r.lineId(), r.cameraId(), r.sequence(), r.decision(), lateness.toMillis(), r.deadline());
    }

    @Override
    public void unacknowledged(GateResult r) {
        LOG.warn("PLC did not acknowledge by the deadline: line {} camera {} sequence {} {} (deadline {})",
                r.lineId(), r.cameraId(), r.sequence(), r.decision(), r.deadline());
    }

    @Override
    public void badAcknowledge(int value, String why) {
        LOG.warn("Refused the PLC's acknowledgement: {}", why);
    }

    @Override
    public void malformed(RecordPosition p, String why) {
        LOG.warn("Skipped a record that is not a valid result at {}-{} offset {}: {}", p.partition().topic(),
                p.partition().partition(), p.offset(), why);
    }
}

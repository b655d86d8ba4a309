package io.tessera.launcher.compare;

import io.tessera.protocol.Decision;
import io.tessera.protocol.GroundTruth;
import io.tessera.protocol.Verdict;
import io.tessera.stream.inspect.Outcome;

/**
 * One recorded frame as both models judged it.
 *
 * @param index  position in the recording, from 0
 * @param key    the record key (camera id), null when the record had none
 * @param a      the baseline's outcome: a verdict, or the dead-letter reason the app would give
 * @param b      the candidate's outcome
 */
public record FramePair(long index, String key, Outcome a, Outcome b) {

    /** Both models decided OK or DEFECT (neither dead-lettered nor UNKNOWN). */
    public boolean decidedByBoth() {
        return decision(a) != null && decision(b) != null && decision(a) != Decision.UNKNOWN
                && decision(b) != Decision.UNKNOWN;
    }

    /** Null when the frame was dead-lettered by that model's inspection. */
    public static Decision decision(Outcome o) {
        return o instanceof Outcome.Decided d ? d.verdict().decision() : null;
    }

    public static Verdict verdict(Outcome o) {
        return o instanceof Outcome.Decided d ? d.verdict() : null;
    }

    /** The frame's ground truth from its headers, null when unknown or the frame was not inspectable. */
    public GroundTruth truth() {
        Verdict v = verdict(a) != null ? verdict(a) : verdict(b);
        return v == null ? null : v.groundTruth();
    }

    /** "cam-1/line-1 seq 12" when the frame could be read, else the recording index. */
    public String label() {
        Verdict v = verdict(a) != null ? verdict(a) : verdict(b);
        if (v == null) {
            return "frame #" + index + (key == null ? "" : " key " + key);
        }
        return v.cameraId() + "/" + v.lineId() + " seq " + v.sequence();
    }
}

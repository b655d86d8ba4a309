package io.tessera.launcher.chaos;

/**
 * What the audit found. A run passes when nothing was lost, doubled or misrouted.
 *
 * @param frames            camera frames in the frames topic (injected bad frames not counted)
 * @param verdicts          committed verdicts
 * @param duplicates        verdicts beyond the first for a frame
 * @param missing           camera frames without a verdict
 * @param unexpectedVerdicts verdicts for no camera frame (an injected bad frame, or unknown)
 * @param alertsMissing     DEFECT/UNKNOWN verdicts without an alert
 * @param alertsDuplicated  alerts beyond the first for a frame
 * @param unexpectedAlerts  alerts for a frame without a DEFECT/UNKNOWN verdict
 * @param dlqExpected       injected bad frames in the frames topic
 * @param dlqFound          of those, found in the dead-letter topic
 * @param dlqWrongReason    of those found, with another reason than expected
 * @param dlqDuplicated     dead letters beyond the first for a frame
 * @param goodDeadLettered  camera frames dead-lettered
 * @param maxStall          the longest stall of any frames partition (null when none)
 * @param maxStallAfterKill the longest stall attributed to a SIGKILL (null when none)
 * @param maxStallAfterBrokerRestart the longest stall attributed to a broker restart (null when none)
 * @param longestStalls     the longest stalls, longest first, with their causes, for the report
 */
public record AuditResult(long frames, long verdicts, long duplicates, long missing, long unexpectedVerdicts,
                          long alertsMissing, long alertsDuplicated, long unexpectedAlerts,
                          long dlqExpected, long dlqFound, long dlqWrongReason, long dlqDuplicated, long goodDeadLettered,
                          Stall maxStall, Stall maxStallAfterKill, Stall maxStallAfterBrokerRestart,
                          java.util.List<CausedStall> longestStalls) {

    public AuditResult {
        longestStalls = java.util.List.copyOf(longestStalls);
    }

    /** A stall and the kind of fault it followed ({@code null}: none within reach). */
    public record CausedStall(Stall stall, String cause) {
    }

    /** Nothing lost, doubled or misrouted. Stalls are figures, not failures. */
    public boolean passed() {
        return duplicates == 0 && missing == 0 && unexpectedVerdicts == 0 && alertsMissing == 0 && alertsDuplicated == 0
                && unexpectedAlerts == 0 && dlqFound == dlqExpected && dlqWrongReason == 0 && dlqDuplicated == 0
                && goodDeadLettered == 0;
    }

    static long millis(Stall stall) {
        return stall == null ? 0 : stall.millis();
    }
}

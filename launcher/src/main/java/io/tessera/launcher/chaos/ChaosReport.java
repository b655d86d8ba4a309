package io.tessera.launcher.chaos;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of a run: the audit plus what was done to the line. Renders as text for people and
 * as one JSON object for scripts.
 *
 * @param audit           what the topics showed
 * @param kills           SIGKILLs done
 * @param brokerRestarts  broker restarts done
 * @param maxBrokerAwayMs the longest a restarted broker was away, from the stop request until it answered again:
 *                        the part of a stall after a broker restart that no client setting can shorten
 * @param unexpectedExits inspect instances that ended without being killed (restarted, counted)
 * @param seed            the schedule's seed, to run the same schedule again
 * @param instances       inspect instances in the group
 * @param runMs           how long the cameras sent frames
 * @param startedMs       when the run started (epoch ms): the report counts times from there, as the progress lines do
 */
public record ChaosReport(AuditResult audit, long kills, long brokerRestarts, long maxBrokerAwayMs, long unexpectedExits, long seed, int instances,
                          long runMs, long startedMs) {

    /** Nothing lost, doubled or misrouted, and no instance died on its own. */
    public boolean passed() {
        return audit.passed() && unexpectedExits == 0;
    }

    public long maxStallMs() {
        return AuditResult.millis(audit.maxStall());
    }

    /** The fields in order; numbers and booleans only. */
    Map<String, Object> fields() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("frames", audit.frames());
        f.put("verdicts", audit.verdicts());
        f.put("duplicates", audit.duplicates());
        f.put("missing", audit.missing());
        f.put("unexpectedVerdicts", audit.unexpectedVerdicts());
        f.put("alertsMissing", audit.alertsMissing());
        f.put("alertsDuplicated", audit.alertsDuplicated());
        f.put("unexpectedAlerts", audit.unexpectedAlerts());
        f.put("dlqExpected", audit.dlqExpected());
        f.put("dlqFound", audit.dlqFound());
        f.put("dlqWrongReason", audit.dlqWrongReason());
        f.put("dlqDuplicated", audit.dlqDuplicated());
        f.put("goodDeadLettered", audit.goodDeadLettered());
        f.put("kills", kills);
        f.put("brokerRestarts", brokerRestarts);
        f.put("unexpectedExits", unexpectedExits);
        f.put("maxStallMs", maxStallMs());
        f.put("maxStallAfterKillMs", AuditResult.millis(audit.maxStallAfterKill()));
        f.put("maxStallAfterBrokerRestartMs", AuditResult.millis(audit.maxStallAfterBrokerRestart()));
        f.put("maxBrokerAwayMs", maxBrokerAwayMs);
        f.put("instances", instances);
        f.put("seed", seed);
        f.put("runMs", runMs);
        f.put("passed", passed());
        return f;
    }

    public String toJson() {
        StringBuilder json = new StringBuilder("{");
        fields().forEach((k, v) -> json.append(json.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
        return json.append('}').toString();
    }

    public String toText() {
        StringBuilder t = new StringBuilder();
        t.append(passed() ? "PASSED" : "FAILED").append(": ")
                .append(String.format(Locale.ROOT, "%d instance(s), %d kill(s), %d broker restart(s), %.0f s of frames, seed %d%n",
                        instances, kills, brokerRestarts, runMs / 1000.0, seed));
        line(t, "verdicts", "%d frames, %d committed verdicts, %d duplicated, %d missing, %d for no frame",
                audit.frames(), audit.verdicts(), audit.duplicates(), audit.missing(), audit.unexpectedVerdicts());
        line(t, "alerts", "%d missing, %d duplicated, %d without a DEFECT/UNKNOWN verdict",
                audit.alertsMissing(), audit.alertsDuplicated(), audit.unexpectedAlerts());
        line(t, "dead letters", "%d of %d injected bad frames found, %d with a wrong reason, %d duplicated, %d good frames dead-lettered",
                audit.dlqFound(), audit.dlqExpected(), audit.dlqWrongReason(), audit.dlqDuplicated(), audit.goodDeadLettered());
        line(t, "instances", "%d exit(s) not caused by this run", unexpectedExits);
        line(t, "longest stall", "%s", describe(audit.maxStall()));
        line(t, "  after a kill", "%s", describe(audit.maxStallAfterKill()));
        line(t, "  after a broker restart", "%s", describe(audit.maxStallAfterBrokerRestart()));
        if (brokerRestarts > 0) {
            line(t, "  broker away", "%.1f s at most, from the stop request until it answered again", maxBrokerAwayMs / 1000.0);
        }
        for (AuditResult.CausedStall c : audit.longestStalls()) {
            line(t, "  stall", "%s, %s", describe(c.stall()), c.cause() == null ? "no fault near it" : "after a " + c.cause());
        }
        return t.toString();
    }

    private String describe(Stall s) {
        if (s == null) {
            return "none";
        }
        return String.format(Locale.ROOT, "%.1f s on frames partition %d (from %.1f s into the run)",
                s.millis() / 1000.0, s.partition(), (s.fromMs() - startedMs) / 1000.0);
    }

    private static void line(StringBuilder t, String what, String format, Object... args) {
        t.append(String.format(Locale.ROOT, "  %-24s ", what + ":")).append(String.format(Locale.ROOT, format, args)).append('\n');
    }

}

package io.tessera.launcher.chaos;

import io.tessera.launcher.chaos.AuditInput.DeadLetter;
import io.tessera.launcher.chaos.AuditInput.FaultMark;
import io.tessera.launcher.chaos.AuditInput.Output;
import io.tessera.launcher.chaos.AuditInput.SentFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Checks the topics against each other: one verdict per frame, one alert per action, every bad frame dead-lettered. */
public final class Auditor {
    /** A fault this long before a stall began still counts as its cause (a frame may arrive only after the fault). */
    static final Duration ATTRIBUTION_SLACK = Duration.ofSeconds(5);

    /** Stalls listed in the report. */
    static final int LONGEST_SHOWN = 5;

    private Auditor() {
    }

    public static AuditResult audit(AuditInput in) {
        Map<String, SentFrame> good = new HashMap<>();
        Map<String, SentFrame> bad = new HashMap<>();
        for (SentFrame f : in.frames()) {
            (f.badFrame() == null ? good : bad).put(f.identity(), f);
        }

        Map<String, Integer> verdictCount = new HashMap<>();
        Map<String, Boolean> needsAlert = new HashMap<>();
        long unexpectedVerdicts = 0;
        for (Output v : in.verdicts()) {
            verdictCount.merge(v.identity(), 1, Integer::sum);
            needsAlert.putIfAbsent(v.identity(), v.decision().requiresAction());
            if (!good.containsKey(v.identity())) {
                unexpectedVerdicts++;
            }
        }
        long duplicates = verdictCount.values().stream().mapToLong(c -> c - 1).sum();
        long missing = good.keySet().stream().filter(id -> !verdictCount.containsKey(id)).count();

        Map<String, Integer> alertCount = new HashMap<>();
        long unexpectedAlerts = 0;
        for (Output a : in.alerts()) {
            alertCount.merge(a.identity(), 1, Integer::sum);
            if (!Boolean.TRUE.equals(needsAlert.get(a.identity()))) {
                unexpectedAlerts++;
            }
        }
        long alertsMissing = needsAlert.entrySet().stream().filter(e -> e.getValue() && !alertCount.containsKey(e.getKey())).count();
        long alertsDuplicated = alertCount.values().stream().mapToLong(c -> c - 1).sum();

        Map<String, Integer> letterCount = new HashMap<>();
        long found = 0;
        long wrongReason = 0;
        long goodDeadLettered = 0;
        for (DeadLetter d : in.deadLetters()) {
            if (letterCount.merge(d.identity(), 1, Integer::sum) > 1) {
                continue;
            }
            SentFrame sent = bad.get(d.identity());
            if (sent != null) {
                found++;
                if (!sent.badFrame().reason().equals(d.reason())) {
                    wrongReason++;
                }
            } else if (good.containsKey(d.identity())) {
                goodDeadLettered++;
            }
        }
        long dlqDuplicated = letterCount.values().stream().mapToLong(c -> c - 1).sum();

        List<Stall> stalls = stalls(in);
        Stall max = null;
        Stall maxKill = null;
        Stall maxBroker = null;
        List<AuditResult.CausedStall> longest = new ArrayList<>();
        for (Stall s : stalls) {
            longest.add(new AuditResult.CausedStall(s, cause(s, in.faults())));
            max = longer(max, s);
            String cause = cause(s, in.faults());
            if (FaultMark.KILL.equals(cause)) {
                maxKill = longer(maxKill, s);
            } else if (FaultMark.BROKER_RESTART.equals(cause)) {
                maxBroker = longer(maxBroker, s);
            }
        }
        longest.sort((a, b) -> Long.compare(b.stall().millis(), a.stall().millis()));
        return new AuditResult(good.size(), in.verdicts().size(), duplicates, missing, unexpectedVerdicts, alertsMissing,
                alertsDuplicated, unexpectedAlerts, bad.size(), found, wrongReason, dlqDuplicated, goodDeadLettered,
                max, maxKill, maxBroker, longest.subList(0, Math.min(LONGEST_SHOWN, longest.size())));
    }

    /** Every stall of every frames partition, from when each frame arrived and when its output was first seen. */
    static List<Stall> stalls(AuditInput in) {
        Map<Integer, List<StallMeter.Done>> byPartition = new TreeMap<>();
        for (SentFrame f : in.frames()) {
            Long seen = in.firstSeenMs().get(f.identity());
            if (seen != null) {
                byPartition.computeIfAbsent(f.partition(), p -> new ArrayList<>()).add(new StallMeter.Done(f.availableMs(), seen));
            }
        }
        List<Stall> all = new ArrayList<>();
        byPartition.forEach((p, done) -> all.addAll(StallMeter.stalls(p, done)));
        return all;
    }

    /**
     * The kind of the first fault between shortly before the stall began and its end, the one that
     * started it (a later fault inside the stall only lengthens it); null when none.
     */
    static String cause(Stall s, List<FaultMark> faults) {
        FaultMark first = null;
        for (FaultMark f : faults) {
            if (f.atMs() >= s.fromMs() - ATTRIBUTION_SLACK.toMillis() && f.atMs() <= s.toMs()
                    && (first == null || f.atMs() < first.atMs())) {
                first = f;
            }
        }
        return first == null ? null : first.kind();
    }

    private static Stall longer(Stall a, Stall b) {
        return a == null || b.millis() > a.millis() ? b : a;
    }
}

package io.tessera.gate.sim;

import io.tessera.gate.core.GatePolicy;
import io.tessera.protocol.Decision;
import io.tessera.protocol.GroundTruth;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The PLC's model of the conveyor: each part is tracked from the camera to the reject gate, where
 * the policy decides, from the results received so far, whether it is rejected. A real PLC learns
 * parts from its trigger sensor and encoder; here they are fed by a test ({@link #partEntered}) or,
 * when nobody feeds them, learned from the first result of each sequence (its ground truth then
 * unknown). Time comes from the injected clock. Thread-safe.
 */
public final class ShiftRegister {

    private static final class Part {
        final GroundTruth truth;
        final Instant atGate;
        Decision result;

        Part(GroundTruth truth, Instant atGate) {
            this.truth = truth;
            this.atGate = atGate;
        }
    }

    private final GatePolicy policy;
    private final Clock clock;
    private final Map<Long, Part> onBelt = new LinkedHashMap<>();
    private final Set<Long> gone = new HashSet<>();
    private final List<Long> rejectedSequences = new ArrayList<>();
    private long parts;
    private long passed;
    private long rejected;
    private long correctRejects;
    private long wrongRejects;
    private long escapes;
    private long failSafeRejects;
    private long resultsAfterPart;
    private long duplicates;

    public ShiftRegister(GatePolicy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    /** A part passed the camera; it reaches the gate at {@code atGate}. */
    public synchronized void partEntered(long sequence, GroundTruth truth, Instant atGate) {
        onBelt.putIfAbsent(sequence, new Part(truth, atGate));
    }

    /**
     * A result read from the gate's registers. {@code atGateIfUnknown} places a part nobody announced
     * (the result's own deadline).
     */
    public synchronized void result(long sequence, Decision decision, Instant atGateIfUnknown) {
        if (gone.contains(sequence)) {
            resultsAfterPart++;
            return;
        }
        Part part = onBelt.computeIfAbsent(sequence, s -> new Part(null, atGateIfUnknown));
        if (part.result != null) {
            duplicates++;
            return;
        }
        part.result = decision;
    }

    /** Decides every part that has reached the gate by now. */
    public synchronized void advance() {
        Instant now = clock.instant();
        var it = onBelt.entrySet().iterator();
        while (it.hasNext()) {
            var e = it.next();
            Part p = e.getValue();
            if (now.isBefore(p.atGate)) {
                continue;
            }
            it.remove();
            gone.add(e.getKey());
            decide(e.getKey(), p);
        }
    }

    private void decide(long sequence, Part p) {
        parts++;
        boolean reject = policy == GatePolicy.PASS_SIGNAL ? p.result != Decision.OK : p.result != null && p.result.requiresAction();
        if (reject) {
            rejected++;
            rejectedSequences.add(sequence);
            if (policy == GatePolicy.PASS_SIGNAL) {
                failSafeRejects++;
            }
            if (p.truth == GroundTruth.DEFECT) {
                correctRejects++;
            } else if (p.truth == GroundTruth.OK) {
                wrongRejects++;
            }
        } else {
            passed++;
            if (p.truth == GroundTruth.DEFECT) {
                escapes++;
            }
        }
    }

    /** Parts still between camera and gate. */
    public synchronized int onBelt() {
        return onBelt.size();
    }

    public synchronized List<Long> rejectedSequences() {
        return List.copyOf(rejectedSequences);
    }

    public synchronized PlcCounts counts() {
        return new PlcCounts(parts, passed, rejected, correctRejects, wrongRejects, escapes, failSafeRejects, resultsAfterPart,
                duplicates);
    }
}

package io.tessera.gate.sim;

/**
 * What the simulated line did with the parts that reached the reject gate.
 *
 * @param parts            parts that reached the gate
 * @param passed           parts let through
 * @param rejected         parts rejected
 * @param correctRejects   rejected, ground truth DEFECT
 * @param wrongRejects     rejected, ground truth OK
 * @param escapes          passed, ground truth DEFECT
 * @param failSafeRejects  rejected because no OK had arrived by then (pass-signal only); each of these
 *                         is also a correct or a wrong reject by its ground truth
 * @param resultsAfterPart results that arrived after their part had passed the gate
 * @param duplicateResults results for a part that already had one (a restarted gate presenting a
 *                         result again whose acknowledgement the PLC never saw confirmed)
 */
public record PlcCounts(long parts, long passed, long rejected, long correctRejects, long wrongRejects, long escapes,
                        long failSafeRejects, long resultsAfterPart, long duplicateResults) {
}

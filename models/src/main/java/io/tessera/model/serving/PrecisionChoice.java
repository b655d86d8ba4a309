package io.tessera.model.serving;

import io.tessera.model.ServingPrecision;
import java.util.List;

/**
 * The precision a model serves at, and why.
 *
 * @param chosen     the precision that serves
 * @param reason     one line for the start-up log, metrics and dashboard, e.g.
 *                   {@code fp32 (auto): bf16 rejected: 3 non-finite outputs at batch 45}
 * @param candidates what the self-check found for each reduced precision it tried (empty when none ran)
 */
public record PrecisionChoice(Precision chosen, String reason, List<CandidateResult> candidates) {
    public PrecisionChoice {
        candidates = List.copyOf(candidates);
    }

    public ServingPrecision serving() {
        return new ServingPrecision(chosen.label(), reason);
    }
}

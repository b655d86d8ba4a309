package io.tessera.stream.health;

import io.tessera.protocol.Verdict;
import java.util.List;
import java.util.Map;

/**
 * A shadow model's figures since the app started, for the dashboard.
 *
 * @param agreementRate  share of scored frames the shadow decided as the live model did; null before the first
 * @param decisions      frames scored per pair of decisions, "OK->DEFECT" meaning live OK and shadow DEFECT
 * @param disagreements  the latest frames decided otherwise, newest first
 */
public record ShadowStatus(String model, String version, double threshold, long scored, long skippedBusy, long skippedTiling,
                           Double agreementRate, Map<String, Long> decisions, List<Disagreement> disagreements) {

    /** One frame the two models decided differently; {@code shadowVerdict} for its thumbnail. */
    public record Disagreement(String lineId, String cameraId, long sequence, String liveDecision, double liveScore,
                               String shadowDecision, double shadowScore, long decidedAtMillis, Verdict shadowVerdict) {
    }

    public ShadowStatus {
        decisions = Map.copyOf(decisions);
        disagreements = List.copyOf(disagreements);
    }
}

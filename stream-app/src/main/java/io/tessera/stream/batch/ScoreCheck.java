package io.tessera.stream.batch;

/**
 * Checks a model call's output before any frame is decided on it: one probability per tile,
 * each finite and within [0, 1]. A precision the CPU computes badly (bf16 giving NaN) or a
 * broken export must give UNKNOWN verdicts, never a score that decides a part.
 */
final class ScoreCheck {
    private ScoreCheck() {
    }

    /** @return what is wrong with {@code scores} for a batch of {@code tiles}, or null when nothing is */
    static String problem(float[] scores, int tiles) {
        if (scores == null) {
            return "model returned no scores for " + tiles + " tiles";
        }
        if (scores.length != tiles) {
            return "model returned " + scores.length + " scores for " + tiles + " tiles";
        }
        int bad = 0;
        int first = -1;
        for (int i = 0; i < scores.length; i++) {
            float s = scores[i];
            if (!(s >= 0f && s <= 1f)) { // false for NaN too
                bad++;
                if (first < 0) {
                    first = i;
                }
            }
        }
        if (bad == 0) {
            return null;
        }
        return "model returned " + bad + " score(s) that are not probabilities in a batch of " + tiles + " (tile " + first
                + ": " + scores[first] + ")";
    }
}

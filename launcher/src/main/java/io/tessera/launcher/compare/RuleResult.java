package io.tessera.launcher.compare;

/**
 * A {@link Requirement} checked on the candidate.
 *
 * @param value  the candidate's figure; NaN when the recording cannot give it
 * @param passed false also when the figure is unavailable
 * @param why    why there is no value, else null
 */
public record RuleResult(Requirement rule, double value, boolean passed, String why) {
}

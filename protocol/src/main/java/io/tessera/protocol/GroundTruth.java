package io.tessera.protocol;

import java.util.Locale;

/** The known label of a simulated or recorded frame, so verdicts can be checked end to end. */
public enum GroundTruth {
    OK,
    DEFECT;

    public static GroundTruth parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ground truth must be OK or DEFECT, got '" + value + "'");
        }
    }
}

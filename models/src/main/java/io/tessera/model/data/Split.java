package io.tessera.model.data;

import java.util.Locale;

/** Which part of a dataset an image belongs to. Decided per group, never per image. */
public enum Split {
    /** Weights are fitted on these. */
    TRAIN,
    /** Held out from training; the decision threshold is calibrated on these. */
    VALIDATION,
    /** Never seen in training or calibration: the reported figures come from here. */
    TEST;

    public static Split parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("split must be train, validation, test or all, got '" + value + "'", e);
        }
    }
}

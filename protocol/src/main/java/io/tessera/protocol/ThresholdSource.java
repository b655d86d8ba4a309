package io.tessera.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * Where the threshold a frame was decided at came from: the serving model ({@code model}: its card,
 * or the threshold of its deployment), the inspect app's {@code model.threshold} setting
 * ({@code override}), or the camera's own teach-in ({@code teach-in}, {@link CameraThreshold}).
 */
public enum ThresholdSource {
    MODEL("model"),
    OVERRIDE("override"),
    TEACH_IN("teach-in");

    private final String label;

    ThresholdSource(String label) {
        this.label = label;
    }

    /** The form in JSON and in metric tags. */
    @JsonValue
    public String label() {
        return label;
    }

    @JsonCreator
    public static ThresholdSource of(String label) {
        return Arrays.stream(values()).filter(s -> s.label.equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("thresholdSource must be one of model, override, teach-in; got '"
                        + label + "'"));
    }

    @Override
    public String toString() {
        return label;
    }
}

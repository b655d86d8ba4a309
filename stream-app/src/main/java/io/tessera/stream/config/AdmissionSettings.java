package io.tessera.stream.config;

/**
 * Admission control before decoding ({@code inspection.admission*}).
 *
 * @param enabled   shed frames whose remaining budget cannot cover their estimated service time
 *                  (frames already past their deadline are shed either way)
 * @param smoothing weight of the newest measurement in the moving averages, within (0, 1]
 * @param safety    factor on the estimate before it is compared with the remaining budget, >= 0.5
 */
public record AdmissionSettings(boolean enabled, double smoothing, double safety) {
    public AdmissionSettings {
        if (!(smoothing > 0 && smoothing <= 1)) {
            throw new ConfigException("inspection.admission-smoothing", "must be within (0, 1], got " + smoothing);
        }
        if (!(safety >= 0.5 && safety <= 10)) {
            throw new ConfigException("inspection.admission-safety", "must be within 0.5..10, got " + safety);
        }
    }
}

package io.tessera.stream.admission;

import java.time.Duration;

/**
 * Whether a frame is worth decoding.
 *
 * @param admitted  true: decode and classify it
 * @param reason    why it was shed ({@link AdmissionControl#LATE_ON_ARRIVAL} or
 *                  {@link AdmissionControl#CANNOT_MEET_DEADLINE}); null when admitted
 * @param estimate  the service time it was judged by (zero when there was nothing to judge by)
 * @param remaining what was left of its budget
 */
public record Admission(boolean admitted, String reason, Duration estimate, Duration remaining) {

    static Admission admit(Duration estimate, Duration remaining) {
        return new Admission(true, null, estimate, remaining);
    }

    static Admission shed(String reason, Duration estimate, Duration remaining) {
        return new Admission(false, reason, estimate, remaining);
    }
}

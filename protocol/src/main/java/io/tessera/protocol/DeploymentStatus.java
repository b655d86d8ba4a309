package io.tessera.protocol;

import java.time.Instant;

/**
 * What one inspect instance did with a deployment, on {@link ModelTopics#status()}, keyed
 * {@code <application id>/<instance>}.
 *
 * @param state  {@code SERVING} (switched to it) or {@code FAILED} (still serving {@code servingVersion})
 * @param reason why it failed; null when serving
 */
public record DeploymentStatus(String applicationId, String instance, String version, String checksum, String state,
                               String reason, String servingVersion, Instant at) {
    public static final String SERVING = "SERVING";
    public static final String FAILED = "FAILED";
}

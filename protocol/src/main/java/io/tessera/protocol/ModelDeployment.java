package io.tessera.protocol;

import java.time.Instant;
import java.util.Objects;

/**
 * The model an inspect application should serve, as {@code tessera model deploy} writes it to the
 * compacted {@link ModelTopics#deployments()} topic, keyed by the application id. Every running
 * instance of that application loads it, checks it and switches to it without a restart.
 *
 * @param modelPath  the model folder, as the inspect instances see it (an absolute path on a shared or
 *                   identical file system)
 * @param checksum   {@code sha256:<hex>} over the folder's files, checked by every instance before it serves
 * @param threshold  the decision threshold to serve with; null for the model card's
 * @param previous   the deployment this one replaced, without its own previous; what a rollback returns to
 */
public record ModelDeployment(String applicationId, String modelPath, String name, String version, String checksum,
                              Double threshold, Instant deployedAt, ModelDeployment previous) {

    public ModelDeployment {
        Objects.requireNonNull(applicationId, "applicationId is required");
        Objects.requireNonNull(modelPath, "modelPath is required");
        Objects.requireNonNull(checksum, "checksum is required");
        Objects.requireNonNull(deployedAt, "deployedAt is required");
    }

    /** The same model, so an instance that serves it has nothing to do. */
    public boolean sameModelAs(ModelDeployment other) {
        return other != null && modelPath.equals(other.modelPath) && checksum.equals(other.checksum)
                && Objects.equals(threshold, other.threshold);
    }

    public ModelDeployment withoutPrevious() {
        return new ModelDeployment(applicationId, modelPath, name, version, checksum, threshold, deployedAt, null);
    }
}

package io.tessera.stream.inspect;

import io.tessera.protocol.CameraThreshold;
import java.util.Optional;

/** The thresholds taught to this application's cameras ({@code tessera model teach-in}), by camera id. */
@FunctionalInterface
public interface CameraThresholds {
    /** No camera has one: every frame is decided at its model's threshold. */
    CameraThresholds NONE = cameraId -> Optional.empty();

    Optional<CameraThreshold> taught(String cameraId);
}

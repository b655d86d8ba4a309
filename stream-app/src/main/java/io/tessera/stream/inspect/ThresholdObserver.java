package io.tessera.stream.inspect;

import io.tessera.protocol.CameraThreshold;
import io.tessera.protocol.ModelRef;
import io.tessera.protocol.ThresholdSource;

/** Told which threshold each frame is decided at, and of teach-in records that did not apply. */
public interface ThresholdObserver {
    ThresholdObserver NONE = new ThresholdObserver() {
        @Override
        public void applied(String cameraId, double threshold, ThresholdSource source) {
        }

        @Override
        public void stale(String cameraId, CameraThreshold taught, ModelRef serving) {
        }
    };

    void applied(String cameraId, double threshold, ThresholdSource source);

    /** A frame of {@code cameraId} was scored by {@code serving}, but the camera was taught on another model. */
    void stale(String cameraId, CameraThreshold taught, ModelRef serving);
}

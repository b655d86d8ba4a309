package io.tessera.stream.inspect;

import io.tessera.protocol.CameraThreshold;
import io.tessera.protocol.ModelRef;
import io.tessera.protocol.ThresholdSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threshold a frame of one camera is decided at, in this order: the model.threshold setting when
 * it is set; else the camera's teach-in, when it was measured on the very model (name and version)
 * that scores the frame; else the model's own (its card's or its deployment's). A teach-in record of
 * another model is not applied, since it was fitted to that model's scores: it is counted, and logged
 * once per camera and record. Thread-safe.
 */
public final class ThresholdChoice {
    private static final Logger LOG = LoggerFactory.getLogger(ThresholdChoice.class);

    private final ThresholdObserver observer;
    /** The stale record last logged per camera, so that each is logged once, not once per frame. */
    private final Map<String, CameraThreshold> staleLogged = new ConcurrentHashMap<>();

    public ThresholdChoice(ThresholdObserver observer) {
        this.observer = observer;
    }

    /** How frames of {@code cameraId} scored by {@code model} are decided. */
    public VerdictFactory verdictsFor(String cameraId, ServingModel model, CameraThresholds taught) {
        VerdictFactory chosen = choose(cameraId, model.verdicts(), taught);
        observer.applied(cameraId, chosen.threshold(), chosen.source());
        return chosen;
    }

    private VerdictFactory choose(String cameraId, VerdictFactory served, CameraThresholds taught) {
        if (served.source() == ThresholdSource.OVERRIDE) {
            return served;
        }
        Optional<CameraThreshold> record = taught.taught(cameraId);
        if (record.isEmpty()) {
            return served;
        }
        CameraThreshold t = record.get();
        if (!t.measuredOn(served.model())) {
            stale(cameraId, t, served.model());
            return served;
        }
        return served.at(t.threshold(), ThresholdSource.TEACH_IN);
    }

    private void stale(String cameraId, CameraThreshold taught, ModelRef serving) {
        observer.stale(cameraId, taught, serving);
        if (!taught.equals(staleLogged.put(cameraId, taught))) {
            LOG.warn("camera {} was taught threshold {} on model {} {} ({}), but {} {} scores its frames: deciding at the"
                    + " model's threshold until the camera is taught again (tessera model teach-in --camera {})", cameraId,
                    taught.threshold(), taught.model().name(), taught.model().version(), taught.calibratedAt(), serving.name(),
                    serving.version(), cameraId);
        }
    }
}

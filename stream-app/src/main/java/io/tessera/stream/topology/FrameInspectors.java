package io.tessera.stream.topology;

import io.tessera.model.ModelCard;
import io.tessera.stream.admission.AdmissionControl;
import io.tessera.stream.batch.DynamicBatcher;
import io.tessera.stream.config.StreamAppConfig;
import io.tessera.stream.inspect.FrameInspector;
import io.tessera.stream.inspect.LiveModel;
import io.tessera.stream.inspect.ServingModel;
import io.tessera.stream.inspect.ShadowLane;
import io.tessera.stream.inspect.ThresholdChoice;
import io.tessera.stream.inspect.ThresholdObserver;
import io.tessera.stream.validate.FrameValidator;
import java.time.Clock;

/**
 * Builds the frame inspector from the settings and the model. The topology and the offline replay
 * ({@code tessera model compare}) both build it here, so a replayed frame is validated, decoded,
 * tiled and decided exactly as the running app would.
 */
public final class FrameInspectors {
    private FrameInspectors() {
    }

    /** The running app's inspector: the model current when a frame starts, and the shadow lane. */
    public static FrameInspector of(StreamAppConfig config, LiveModel models, DynamicBatcher batcher, AdmissionControl admission,
            Clock clock, ShadowLane shadow) {
        return of(config, models, batcher, admission, clock, shadow, ThresholdObserver.NONE);
    }

    /** @param thresholds told the threshold each frame is decided at, and of teach-in records measured on another model */
    public static FrameInspector of(StreamAppConfig config, LiveModel models, DynamicBatcher batcher, AdmissionControl admission,
            Clock clock, ShadowLane shadow, ThresholdObserver thresholds) {
        return new FrameInspector(new FrameValidator(config.maxFrameBytes(), config.maxPixels(), config.captureWindow(), clock),
                models, batcher, admission, config.budget(), clock, shadow, new ThresholdChoice(thresholds));
    }

    /** One fixed model, the batcher's own, with {@code card}'s tiling and threshold as the settings adjust them. */
    public static FrameInspector of(StreamAppConfig config, ModelCard card, DynamicBatcher batcher, AdmissionControl admission,
            Clock clock) {
        return of(config, fixed(config, card, batcher), batcher, admission, clock, ShadowLane.NONE);
    }

    static LiveModel fixed(StreamAppConfig config, ModelCard card, DynamicBatcher batcher) {
        return new LiveModel(ServingModel.of(1, batcher.model(), config.tiling().resolve(card), config.threshold(card), config.thresholdSource(), null,
                config.reducedDecode()));
    }
}

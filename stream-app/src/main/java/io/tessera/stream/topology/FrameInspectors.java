package io.tessera.stream.topology;

import io.tessera.model.ModelCard;
import io.tessera.protocol.ModelRef;
import io.tessera.stream.admission.AdmissionControl;
import io.tessera.stream.batch.DynamicBatcher;
import io.tessera.stream.config.StreamAppConfig;
import io.tessera.stream.inspect.FrameDecoder;
import io.tessera.stream.inspect.FrameInspector;
import io.tessera.stream.inspect.FrameTiler;
import io.tessera.stream.inspect.VerdictFactory;
import io.tessera.stream.validate.FrameValidator;
import io.tessera.vision.TilingSpec;
import java.time.Clock;

/**
 * Builds the frame inspector from the settings and the model card. The topology and the offline
 * replay ({@code tessera model compare}) both build it here, so a replayed frame is validated,
 * decoded, tiled and decided exactly as the running app would.
 */
public final class FrameInspectors {
    private FrameInspectors() {
    }

    public static FrameInspector of(StreamAppConfig config, ModelCard card, DynamicBatcher batcher, AdmissionControl admission,
            Clock clock) {
        TilingSpec tiling = config.tiling().resolve(card);
        FrameDecoder decoder = config.reducedDecode() ? FrameDecoder.reducedFor(tiling) : FrameDecoder.fullSize();
        return new FrameInspector(new FrameValidator(config.maxFrameBytes(), config.maxPixels(), config.captureWindow(), clock),
                decoder, new FrameTiler(tiling, card.normalization()), batcher,
                new VerdictFactory(new ModelRef(card.name(), card.version()), config.threshold(card)), admission,
                config.budget(), clock);
    }
}

package io.tessera.stream.app;

import io.tessera.model.ModelCard;
import io.tessera.model.ServingPrecision;
import io.tessera.model.Ticker;
import io.tessera.stream.admission.AdmissionControl;
import io.tessera.stream.admission.ModelCallCost;
import io.tessera.stream.batch.DynamicBatcher;
import io.tessera.stream.config.StreamAppConfig;
import io.tessera.stream.inspect.FrameInspection;
import io.tessera.stream.inspect.FrameInspector;
import io.tessera.stream.inspect.Outcome;
import io.tessera.stream.topology.FrameInspectors;
import io.tessera.vision.TilingSpec;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.common.header.Headers;

/**
 * The inspect app's path of one frame without Kafka: the model loaded and served as the app
 * serves it (on its own thread, after the precision self-check, behind the dynamic batcher), and
 * frames judged by the inspector the topology builds ({@link FrameInspectors}). For replaying
 * recordings through a model ({@code tessera model compare}).
 *
 * <p>There is no budget: a replay judges the model, not the machine it happens to run on, so a
 * frame is never answered {@code UNKNOWN late} because the replaying machine is busy.
 */
public final class OfflineInspection implements FrameInspection, AutoCloseable {
    private final StreamAppConfig config;
    private final ServingThread serving;
    private final DynamicBatcher batcher;
    private final FrameInspector inspector;

    private OfflineInspection(StreamAppConfig config, ServingThread serving, Clock clock) {
        this.config = config.withBudget(Duration.ZERO);
        this.serving = serving;
        ModelCard card = serving.classifier().card();
        TilingSpec tiling = this.config.tiling().resolve(card);
        ModelCallCost modelCost = new ModelCallCost(this.config.admission().smoothing());
        this.batcher = new DynamicBatcher(serving.classifier(), this.config.batch(), tiling.inputSize(), clock,
                Ticker.systemTicker(), modelCost, serving.executor());
        AdmissionControl admission = new AdmissionControl(this.config.admission(), this.config.batch(), modelCost,
                batcher::backlog, reason -> { }, clock);
        this.inspector = FrameInspectors.of(this.config, card, batcher, admission, clock);
    }

    /**
     * Loads the model of {@code config} (model.path, model.precision, model.threshold, tiling.*)
     * with {@code classifiers}; inspection.budget-ms is ignored.
     *
     * @throws IllegalArgumentException naming the file or setting at fault, as {@link ClassifierFactory#load} does
     */
    public static OfflineInspection start(StreamAppConfig config, ClassifierFactory classifiers, Clock clock)
            throws InterruptedException {
        ServingThread serving = ServingThread.load(classifiers, ModelRequest.of(config));
        try {
            return new OfflineInspection(config, serving, clock);
        } catch (RuntimeException e) {
            serving.executor().shutdownNow();
            serving.classifier().close();
            throw e;
        }
    }

    @Override
    public Outcome inspect(String key, Headers headers, byte[] bytes) throws InterruptedException {
        return inspector.inspect(key, headers, bytes);
    }

    public ModelCard card() {
        return serving.classifier().card();
    }

    /** The threshold frames are decided at: model.threshold, else the card's. */
    public double threshold() {
        return config.threshold(card());
    }

    public ServingPrecision servingPrecision() {
        return serving.classifier().servingPrecision();
    }

    public StreamAppConfig config() {
        return config;
    }

    @Override
    public void close() {
        try {
            batcher.close();
        } finally {
            serving.executor().shutdownNow();
            serving.classifier().close();
        }
    }
}

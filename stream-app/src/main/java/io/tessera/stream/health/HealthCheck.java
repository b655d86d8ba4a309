package io.tessera.stream.health;

import io.tessera.model.ServingPrecision;
import io.tessera.stream.batch.BatcherHealth;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Judges the inspection app from its parts: Kafka Streams must be RUNNING or REBALANCING (a
 * rebalance pauses frames only briefly), the batcher's worker must be alive and the model's latest
 * call must have given probabilities. Any other state means frames are not being decided, or are
 * all decided UNKNOWN, so health is red and the body says why.
 */
public final class HealthCheck {
    private HealthCheck() {
    }

    /**
     * @param batcherGaveUp the batcher's reason for giving up restarting its worker, or null
     * @param model         the model served and the precision it serves at
     */
    public static Health of(KafkaStreams.State streams, BatcherHealth batcher, String batcherGaveUp, String modelName,
            ServingPrecision model) {
        List<String> problems = new ArrayList<>();
        List<String> facts = new ArrayList<>();
        facts.add("kafka-streams: " + streams);
        switch (streams) {
            case RUNNING, REBALANCING -> {
                // deciding frames, or about to again
            }
            case CREATED -> problems.add("Kafka Streams has not started yet (CREATED)");
            default -> problems.add("Kafka Streams is " + streams + ": no frames are decided");
        }
        facts.add("batcher: " + (batcher.workerAlive() ? "worker running" : "worker down: " + batcher.workerDown())
                + ", " + batcher.restarts() + " restart(s)");
        if (batcherGaveUp != null) {
            problems.add("the batcher gave up: " + batcherGaveUp);
        } else if (!batcher.workerAlive()) {
            problems.add("the batcher's worker is down (frames get UNKNOWN model-error until it restarts): "
                    + batcher.workerDown());
        }
        facts.add("model: " + modelName + " at " + model.precision() + ": " + model.reason());
        if (!batcher.modelOk()) {
            problems.add("the model's latest call failed (its frames got UNKNOWN model-error): "
                    + batcher.lastModelFault());
        }
        return new Health(problems, facts);
    }
}

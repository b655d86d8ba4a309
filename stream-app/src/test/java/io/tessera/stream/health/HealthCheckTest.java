package io.tessera.stream.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.model.ServingPrecision;
import io.tessera.stream.batch.BatcherHealth;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HealthCheckTest {
    private static final BatcherHealth FINE = new BatcherHealth(null, null, 0);
    private static final ServingPrecision FP32 = new ServingPrecision("fp32",
            "fp32 (auto): bf16 rejected: 3 non-finite outputs at batch 45");

    private static Health of(State state, BatcherHealth batcher, String gaveUp) {
        return HealthCheck.of(state, batcher, gaveUp, "pitting-resnet34", FP32);
    }

    @ParameterizedTest
    @EnumSource(value = State.class, names = {"RUNNING", "REBALANCING"})
    void runningOrRebalancingWithALiveWorkerAndAWorkingModelIsHealthy(State state) {
        Health h = of(state, FINE, null);

        assertThat(h.ok()).isTrue();
        assertThat(h.body()).startsWith("ok\n").contains("kafka-streams: " + state,
                "batcher: worker running, 0 restart(s)",
                "model: pitting-resnet34 at fp32: fp32 (auto): bf16 rejected: 3 non-finite outputs at batch 45");
    }

    @ParameterizedTest
    @EnumSource(value = State.class, names = {"ERROR", "NOT_RUNNING", "PENDING_SHUTDOWN", "PENDING_ERROR", "CREATED"})
    void anyOtherStreamsStateIsRedAndSaysSo(State state) {
        Health h = of(state, FINE, null);

        assertThat(h.ok()).isFalse();
        assertThat(h.body()).startsWith("unhealthy\n").contains("problem: Kafka Streams").contains(state.name());
    }

    @Test
    void aDeadBatcherWorkerIsRedWithItsCause() {
        Health h = of(State.RUNNING, new BatcherHealth("java.lang.OutOfMemoryError: boom", null, 2), null);

        assertThat(h.ok()).isFalse();
        assertThat(h.problems()).singleElement().asString()
                .contains("batcher's worker is down", "OutOfMemoryError: boom");
        assertThat(h.body()).contains("batcher: worker down: java.lang.OutOfMemoryError: boom, 2 restart(s)");
    }

    @Test
    void aBatcherThatGaveUpIsRed() {
        Health h = of(State.RUNNING, new BatcherHealth("died", null, 5), "giving up after batch.worker-max-restarts=5");

        assertThat(h.ok()).isFalse();
        assertThat(h.problems()).singleElement().asString().contains("gave up", "batch.worker-max-restarts");
    }

    @Test
    void aFailingModelIsRedUntilACallSucceeds() {
        Health failing = of(State.RUNNING, new BatcherHealth(null, "2 scores are not probabilities: NaN", 0), null);
        Health recovered = of(State.RUNNING, FINE, null);

        assertThat(failing.ok()).isFalse();
        assertThat(failing.problems()).singleElement().asString()
                .contains("model's latest call failed", "UNKNOWN model-error", "NaN");
        assertThat(recovered.ok()).isTrue();
    }

    @Test
    void everyProblemIsListed() {
        Health h = of(State.ERROR, new BatcherHealth("died", "NaN", 1), null);

        assertThat(h.problems()).hasSize(3);
    }
}

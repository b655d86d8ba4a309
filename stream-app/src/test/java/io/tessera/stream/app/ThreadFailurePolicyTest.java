package io.tessera.stream.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.testing.ManualClock;
import java.time.Duration;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class ThreadFailurePolicyTest {
    private final ManualClock clock = new ManualClock();
    private final ThreadFailurePolicy policy = new ThreadFailurePolicy(3, Duration.ofMinutes(10), clock);

    @Test
    void anOutOfMemoryErrorStopsTheClientInsteadOfRetryingTheSameFrameForever() {
        ThreadFailurePolicy.Decision d = policy.onFailure(new StreamsException(new OutOfMemoryError("Java heap space")));
        assertThat(d.response()).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        assertThat(d.why()).contains("-Xmx").contains("frames.max-pixels");
    }

    @Test
    void passingFaultsAreReplacedUpToTheBoundWithinTheWindowThenTheClientStops() {
        for (int i = 0; i < 3; i++) {
            assertThat(policy.onFailure(new IllegalStateException("hiccup")).response())
                    .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
            clock.advance(Duration.ofMinutes(1));
        }
        ThreadFailurePolicy.Decision fourth = policy.onFailure(new IllegalStateException("again"));
        assertThat(fourth.response()).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        assertThat(fourth.why()).contains("3 stream threads already replaced");
    }

    @Test
    void failuresOlderThanTheWindowNoLongerCount() {
        for (int i = 0; i < 3; i++) {
            policy.onFailure(new IllegalStateException("hiccup"));
        }
        clock.advance(Duration.ofMinutes(11));
        assertThat(policy.onFailure(new IllegalStateException("a day later")).response())
                .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    }
}

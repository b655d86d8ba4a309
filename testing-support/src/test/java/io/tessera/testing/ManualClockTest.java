package io.tessera.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

class ManualClockTest {

    @Test
    void instantAndNanoTimeMoveTogetherOnlyWhenAdvanced() {
        ManualClock clock = new ManualClock(Instant.parse("2026-03-01T08:00:00Z"));
        LongSupplier ticker = clock::nanoTime;
        long before = ticker.getAsLong();
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-03-01T08:00:00Z"));

        clock.advance(Duration.ofMillis(1500));
        clock.advanceMillis(1);

        assertThat(ticker.getAsLong() - before).isEqualTo(1_501_000_000L);
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-03-01T08:00:01.501Z"));
        assertThat(clock.millis()).isEqualTo(clock.instant().toEpochMilli());
    }

    @Test
    void refusesToGoBack() {
        ManualClock clock = new ManualClock();
        assertThatThrownBy(() -> clock.advance(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not go back");
    }
}

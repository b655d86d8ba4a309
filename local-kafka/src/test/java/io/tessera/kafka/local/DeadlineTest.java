package io.tessera.kafka.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DeadlineTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void passesOnlyOnceTheClockReachesIt() {
        Deadline before = Deadline.after(Clock.fixed(T0, ZoneOffset.UTC), Duration.ofSeconds(10));
        assertThat(before.passed()).isFalse();
        assertThat(before.remaining()).isEqualTo(Duration.ofSeconds(10));

        Deadline later = new Deadline(Clock.fixed(T0.plusSeconds(11), ZoneOffset.UTC), before.at());
        assertThat(later.passed()).isTrue();
        assertThat(later.remaining()).isEqualTo(Duration.ZERO);
    }
}

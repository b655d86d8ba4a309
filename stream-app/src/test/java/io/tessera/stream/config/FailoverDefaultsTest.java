package io.tessera.stream.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The defaults let a partition of a dead instance move within seconds: on a line every part whose
 * frame waits past its deadline is rejected, so a 45 s takeover (Kafka's defaults) rejects 45 s of
 * parts. `tessera chaos` measures the takeover; these are the settings it measured.
 */
class FailoverDefaultsTest {
    private final Properties streams = ConfigLoader.load(null, Map.of(), Map.of()).streamsProperties();

    @Test
    void theGroupDropsADeadInstanceWithinSecondsButNoSoonerThanABrokerAllows() {
        long session = value("consumer.session.timeout.ms");
        long heartbeat = value("consumer.heartbeat.interval.ms");
        // 6 s: a broker's default group.min.session.timeout.ms refuses less
        assertThat(session).isBetween(6_000L, 10_000L);
        assertThat(heartbeat).as("several heartbeats per session timeout").isLessThanOrEqualTo(session / 3);
    }

    @Test
    void aRebalanceWaitsAtMostHalfASecondForTheOtherMembersToHearOfIt() {
        // members learn of a rebalance from a heartbeat's answer, and no one commits until all rejoined
        assertThat(value("consumer.heartbeat.interval.ms")).isLessThanOrEqualTo(500L);
    }

    @Test
    void aDeadInstancesOpenTransactionIsAbortedWithinSecondsYetOutlastsEveryHealthyOne() {
        StreamAppConfig config = ConfigLoader.load(null, Map.of(), Map.of());
        long transaction = value("producer.transaction.timeout.ms");
        assertThat(transaction).isLessThanOrEqualTo(10_000L);
        // what can hold a frame inside a transaction ends first (also enforced at start)
        assertThat(config.budget().toMillis()).isLessThan(transaction);
        assertThat(config.batch().timeout().toMillis()).isLessThan(transaction);
    }

    @Test
    void clientsComeBackWithinAQuarterSecondOfABrokerThatRestarted() {
        // Kafka's 1 s backoffs would add up to a second each after a broker restart
        assertThat(value("reconnect.backoff.max.ms")).isLessThanOrEqualTo(250L);
        assertThat(value("retry.backoff.max.ms")).isLessThanOrEqualTo(250L);
    }

    private long value(String key) {
        String v = streams.getProperty(key);
        assertThat(v).as(key).isNotNull();
        return Long.parseLong(v.trim());
    }
}

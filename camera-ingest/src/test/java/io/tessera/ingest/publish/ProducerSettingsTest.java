package io.tessera.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProducerSettingsTest {

    @Test
    void framesHeldForABrokerThatRestartsGoOutWithinAQuarterSecondOfItsReturn() {
        assertThat(ProducerSettings.defaults("x:1").toProperties("c"))
                .containsEntry("reconnect.backoff.max.ms", 250)
                .containsEntry("retry.backoff.max.ms", 250);
    }

    @Test
    void producerPropsStillWin() {
        ProducerSettings d = ProducerSettings.defaults("x:1");
        ProducerSettings custom = new ProducerSettings("x:1", d.acks(), d.lingerMs(), d.batchSize(), d.compressionType(),
                d.maxRequestSize(), d.bufferMemory(), d.maxBlockMs(), d.deliveryTimeoutMs(), Map.of("reconnect.backoff.max.ms", "1000"));

        assertThat(custom.toProperties("c")).containsEntry("reconnect.backoff.max.ms", "1000");
    }
}

package io.tessera.stream.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretSettingsTest {

    @Test
    void everySecretBearingKafkaSettingIsMaskedWithOrWithoutAClientPrefix() {
        // Regression: --print-config masked only keys containing "password" or "jaas".
        for (String key : new String[] {"kafka.ssl.key.password", "kafka.ssl.keystore.password", "kafka.ssl.truststore.password",
                "kafka.ssl.keystore.key", "kafka.ssl.keystore.certificate.chain", "kafka.ssl.truststore.certificates",
                "kafka.sasl.jaas.config", "kafka.producer.sasl.jaas.config", "kafka.main.consumer.ssl.key.password",
                "kafka.sasl.oauthbearer.client.credentials.client.secret", "kafka.basic.auth.user.info.token"}) {
            assertThat(SecretSettings.isSecret(key)).as(key).isTrue();
            assertThat(SecretSettings.shown(key, "hunter2")).as(key).isEqualTo(SecretSettings.MASK);
        }
    }

    @Test
    void ordinarySettingsAreShownAsTheyAre() {
        for (String key : new String[] {"kafka.bootstrap.servers", "kafka.security.protocol", "kafka.sasl.mechanism",
                "kafka.ssl.keystore.location", "batch.max-size", "model.path", "kafka.producer.max.request.size"}) {
            assertThat(SecretSettings.isSecret(key)).as(key).isFalse();
        }
        assertThat(SecretSettings.shown("model.path", "models/x")).isEqualTo("models/x");
    }
}

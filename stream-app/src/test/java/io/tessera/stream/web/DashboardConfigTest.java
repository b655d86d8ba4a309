package io.tessera.stream.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tessera.stream.config.ConfigLoader;
import io.tessera.stream.config.StreamAppConfig;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DashboardConfigTest {

    @Test
    void theInspectionAppsDefaultsGiveALoopbackDashboardOnItsTopicsAndGroup() {
        Map<String, String> effective = ConfigLoader.merge(null, Map.of(), Map.of(
                "kafka.bootstrap.servers", "broker:9093", "topics.prefix", "plant1.",
                "kafka.security.protocol", "SASL_SSL", "kafka.sasl.mechanism", "PLAIN"));
        StreamAppConfig app = ConfigLoader.parse(effective);

        DashboardConfig d = DashboardConfig.forInspection(app, effective::get);

        assertThat(DashboardConfig.enabled(effective::get)).isTrue();
        assertThat(d.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(d.port()).isEqualTo(8080);
        assertThat(d.verdictsTopic()).isEqualTo("plant1.verdicts");
        assertThat(d.framesTopic()).isEqualTo("plant1.frames");
        assertThat(d.inspectionGroupId()).isEqualTo("tessera-inspect");
        assertThat(d.kafka()).containsOnly(Map.entry("bootstrap.servers", "broker:9093"),
                Map.entry("security.protocol", "SASL_SSL"), Map.entry("sasl.mechanism", "PLAIN"));
        assertThat(d.statsWindow()).isEqualTo(Duration.ofSeconds(10));
        assertThat(d.thumbnails()).isTrue();
    }

    @Test
    void dashboardSettingsFromTheEnvironmentAreKnownKeys() {
        Map<String, String> env = new HashMap<>();
        env.put(ConfigLoader.envName("dashboard.bind-address"), "0.0.0.0");
        env.put(ConfigLoader.envName("dashboard.port"), "9000");
        env.put(ConfigLoader.envName("dashboard.enabled"), "false");
        Map<String, String> effective = ConfigLoader.merge(null, env, Map.of());

        DashboardConfig d = DashboardConfig.forInspection(ConfigLoader.parse(effective), effective::get);

        assertThat(d.bindAddress()).isEqualTo("0.0.0.0");
        assertThat(d.port()).isEqualTo(9000);
        assertThat(DashboardConfig.enabled(effective::get)).isFalse();
    }

    @Test
    void aTakenPortLeavesTheAppRunningWithoutADashboard() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            DashboardConfig config = DashboardConfig.defaults("127.0.0.1:9").withPort(taken.getLocalPort());
            PrometheusMeterRegistry registry =
                    new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            assertThat(DashboardServer.startOrWarn(config, registry, Clock.systemUTC(), null)).isNull();
            assertThatThrownBy(() -> DashboardServer.start(config, registry, Clock.systemUTC()))
                    .isInstanceOf(BindException.class);
        }
    }

    @Test
    void badValuesNameTheirKey() {
        assertThatThrownBy(() -> DashboardConfig.fromSettings(Map.of("dashboard.port", "http")::get, DashboardConfig.defaults("b:9092")))
                .hasMessageContaining("dashboard.port");
        assertThatThrownBy(() -> DashboardConfig.fromSettings(Map.of("dashboard.thumbnail-count", "0")::get,
                DashboardConfig.defaults("b:9092"))).hasMessageContaining("dashboard.thumbnail-count");
    }
}

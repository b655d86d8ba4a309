package io.tessera.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tessera.gate.core.GateEvents;
import io.tessera.gate.core.GatePolicy;
import io.tessera.gate.map.RegisterMap;
import io.tessera.gate.map.StatusBit;
import io.tessera.gate.sim.PlcSimSettings;
import io.tessera.gate.sim.PlcSimulator;
import io.tessera.gate.sim.ShiftRegister;
import io.tessera.kafka.local.LocalKafka;
import io.tessera.kafka.local.LocalKafkaSettings;
import io.tessera.protocol.Decision;
import io.tessera.protocol.GroundTruth;
import io.tessera.protocol.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broker of its own, stopped under a running gate and started again: the status says so, and the gate carries on. */
@Tag("integration")
class GateBrokerIT {
    private static final Duration AWAIT = Duration.ofSeconds(90);
    private final Clock clock = Clock.systemUTC();

    @Test
    void anUnreachableBrokerIsFlaggedToThePlcAndTheGateCarriesOnWhenItIsBack(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("kafka"));
        LocalKafka kafka = LocalKafka.start(LocalKafkaSettings.defaults().withPort(0).withDataDir(data));
        int port = Integer.parseInt(kafka.bootstrapServers().substring(kafka.bootstrapServers().lastIndexOf(':') + 1));
        Topics topics = Topics.defaults();
        kafka.createTopics(1, topics.verdicts().name());
        RegisterMap map = RegisterMap.defaults();
        GateSettings settings = GateSettings.forLine(kafka.bootstrapServers(), "line-1").withModbus("127.0.0.1", 0)
                .withRejectWindow(Duration.ofSeconds(60)).withGroupId("gate-broker-it");
        ShiftRegister line = new ShiftRegister(GatePolicy.PASS_SIGNAL, clock);
        try (GateService gate = GateService.start(settings, clock, GateEvents.NONE);
             PlcSimulator plc = PlcSimulator.start(PlcSimSettings.of("127.0.0.1", gate.port(), map), line, clock)) {
            try (VerdictWriter writer = new VerdictWriter(kafka.bootstrapServers(), topics)) {
                writer.send(VerdictWriter.verdict("line-1", "cam-1", 0, Decision.OK, GroundTruth.OK, clock.instant()));
            }
            await().atMost(AWAIT).until(() -> plc.stats().confirmed().size() == 1);
            assertThat(plc.stats().lastStatus()).doesNotContain(StatusBit.BROKER_UNREACHABLE);

            kafka.close();
            await().atMost(AWAIT).until(() -> plc.stats().lastStatus().contains(StatusBit.BROKER_UNREACHABLE));
            int heartbeat = plc.stats().lastHeartbeat();
            await("the heartbeat goes on without the broker").atMost(AWAIT).until(() -> plc.stats().lastHeartbeat() != heartbeat);

            kafka = LocalKafka.start(LocalKafkaSettings.defaults().withPort(port).withDataDir(data));
            await().atMost(AWAIT).until(() -> !plc.stats().lastStatus().contains(StatusBit.BROKER_UNREACHABLE));
            try (VerdictWriter writer = new VerdictWriter(kafka.bootstrapServers(), topics)) {
                writer.send(VerdictWriter.verdict("line-1", "cam-1", 1, Decision.OK, GroundTruth.OK, clock.instant()));
            }
            await().atMost(AWAIT).until(() -> plc.stats().confirmed().size() == 2);
            assertThat(plc.stats().confirmed()).extracting(PlcSimulator.Observation::sequence).containsExactly(0L, 1L);
        } finally {
            kafka.close();
        }
    }
}

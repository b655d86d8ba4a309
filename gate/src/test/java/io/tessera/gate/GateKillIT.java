package io.tessera.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tessera.gate.core.GateEvents;
import io.tessera.gate.core.GatePolicy;
import io.tessera.gate.map.RegisterMap;
import io.tessera.gate.sim.PlcSimSettings;
import io.tessera.gate.sim.PlcSimulator;
import io.tessera.gate.sim.ShiftRegister;
import io.tessera.kafka.local.KafkaCluster;
import io.tessera.protocol.Decision;
import io.tessera.protocol.FrameBytesSerde;
import io.tessera.protocol.GroundTruth;
import io.tessera.protocol.Topics;
import io.tessera.testing.kafka.KafkaBrokerExtension;
import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code tessera gate} killed with SIGKILL mid-stream and started again: nothing acknowledged is rewritten, nothing skipped. */
@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class GateKillIT {
    private static final Duration AWAIT = Duration.ofSeconds(90);
    private final Clock clock = Clock.systemUTC();

    @Test
    void aGateKilledWithSigkillAndStartedAgainRewritesNothingAcknowledgedAndSkipsNothing(KafkaCluster kafka) throws Exception {
        String prefix = "gate-kill.";
        Topics topics = Topics.withPrefix(prefix, FrameBytesSerde.DEFAULT_MAX_FRAME_BYTES);
        kafka.createTopics(2, topics.verdicts().name());
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        RegisterMap map = new RegisterMap(0, 1, 4);
        int parts = 40;
        Process child = startGateProcess(kafka.bootstrapServers(), prefix, port);
        try (VerdictWriter writer = new VerdictWriter(kafka.bootstrapServers(), topics);
             PlcSimulator plc = PlcSimulator.start(PlcSimSettings.of("127.0.0.1", port, map).withAckDelay(Duration.ofMillis(30)),
                     new ShiftRegister(GatePolicy.PASS_SIGNAL, clock), clock)) {
            await().atMost(AWAIT).until(() -> plc.stats().sessions() == 1);
            Thread producer = new Thread(() -> {
                for (long seq = 0; seq < parts; seq++) {
                    writer.send(VerdictWriter.verdict("line-1", "cam-1", seq, Decision.OK, GroundTruth.OK, clock.instant()));
                    try {
                        Thread.sleep(40);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "verdict-producer");
            producer.start();
            await().atMost(AWAIT).until(() -> plc.stats().confirmed().size() >= 8);
            child.destroyForcibly();   // SIGKILL: no shutdown hook, no last commit
            child.waitFor();
            assertThat(child.exitValue()).isEqualTo(137);

            GateSettings settings = GateSettings.forLine(kafka.bootstrapServers(), "line-1").withTopicPrefix(prefix)
                    .withModbus("127.0.0.1", port).withGroupId("gate-kill-it").withRejectWindow(Duration.ofSeconds(60))
                    .withMap(map).withStartFrom(GateSettings.StartFrom.EARLIEST);
            try (GateService second = GateService.start(settings, clock, GateEvents.NONE)) {
                producer.join();
                RestartChecks.awaitEveryPartRead(plc, second, parts, AWAIT);
                RestartChecks.assertExactlyOnceTowardsThePlc(plc.stats(), second, parts, map.slots());
            }
        } finally {
            child.destroyForcibly();
        }
    }

    private static Process startGateProcess(String bootstrap, String prefix, int port) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"), GateProcessMain.class.getName(),
                "--bootstrap", bootstrap, "--topic-prefix", prefix, "--line", "line-1", "--group-id", "gate-kill-it",
                "--start-from", "earliest", "--modbus-port", Integer.toString(port), "--slots", "4", "--reject-window-ms", "60000",
                "--status-interval", "0");
        File log = Path.of("target", "gate-kill-it-child.log").toFile();
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    }
}

package io.tessera.gate.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.digitalpetri.modbus.client.ModbusTcpClient;
import com.digitalpetri.modbus.exceptions.ModbusResponseException;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadInputRegistersRequest;
import com.digitalpetri.modbus.pdu.WriteSingleRegisterRequest;
import com.digitalpetri.modbus.tcp.client.NettyTcpClientTransport;
import io.tessera.gate.core.GateEvents;
import io.tessera.gate.core.GatePolicy;
import io.tessera.gate.core.GateResult;
import io.tessera.gate.core.Handshake;
import io.tessera.gate.core.HandshakeTiming;
import io.tessera.gate.core.RecordPosition;
import io.tessera.gate.map.RegisterImage;
import io.tessera.gate.map.RegisterMap;
import io.tessera.gate.sim.PlcSimSettings;
import io.tessera.gate.sim.PlcSimulator;
import io.tessera.gate.sim.ShiftRegister;
import io.tessera.protocol.Decision;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The register image over a real Modbus TCP connection on loopback, without Kafka. */
class ModbusLoopbackTest {
    private final Clock clock = Clock.systemUTC();
    private final RegisterMap map = new RegisterMap(200, 5, 4);
    private final RegisterImage image = new RegisterImage(map);
    private final Handshake handshake = new Handshake(image, GatePolicy.REJECT_SIGNAL, HandshakeTiming.defaults(), clock, GateEvents.NONE);
    private final AckSink directAcks = value -> {
        try {
            handshake.acknowledge(value);
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    };

    @Test
    void theSimulatedPlcReadsEveryResultOnceAndAcknowledgesIt() {
        try (GateModbusServer server = GateModbusServer.start("127.0.0.1", 0, new GateModbusServices(image, directAcks, Duration.ofSeconds(1)));
             PlcSimulator plc = PlcSimulator.start(PlcSimSettings.of("127.0.0.1", server.port(), map),
                     new ShiftRegister(GatePolicy.REJECT_SIGNAL, clock), clock)) {
            int offered = 0;
            for (long seq = 100; seq < 110; seq++) {
                GateResult r = new GateResult(new RecordPosition(new TopicPartition("alerts", 0), seq), "line-1", "cam-1", seq,
                        seq % 2 == 0 ? Decision.DEFECT : Decision.UNKNOWN, seq % 2 == 0 ? null : "late", 0.75, clock.instant(),
                        clock.instant().plusSeconds(30));
                // four slots: wait for the PLC to free one, as the gate's loop does
                await().atMost(Duration.ofSeconds(10)).until(() -> handshake.offer(r) == Handshake.Offer.WRITTEN);
                offered++;
            }
            int expected = offered;
            await().atMost(Duration.ofSeconds(10)).until(() -> plc.stats().confirmed().size() == expected);
            PlcSimulator.Stats stats = plc.stats();
            assertThat(stats.confirmed()).extracting(PlcSimulator.Observation::sequence)
                    .containsExactly(100L, 101L, 102L, 103L, 104L, 105L, 106L, 107L, 108L, 109L);
            assertThat(stats.confirmed()).extracting(PlcSimulator.Observation::counter)
                    .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
            assertThat(stats.observed()).hasSize(10);
            assertThat(stats.confirmed().get(0).decision()).isEqualTo(Decision.DEFECT);
            assertThat(stats.confirmed().get(1).decision()).isEqualTo(Decision.UNKNOWN);
            assertThat(stats.confirmed().get(0).scoreMilli()).isEqualTo(750);
            assertThat(stats.sessions()).isEqualTo(1);
            assertThat(handshake.acknowledged()).isEqualTo(10);
        }
    }

    @Test
    void requestsOutsideTheMapForAnotherUnitOrWritesBesideTheAcknowledgeRegisterAreRefused() throws Exception {
        try (GateModbusServer server = GateModbusServer.start("127.0.0.1", 0, new GateModbusServices(image, directAcks, Duration.ofSeconds(1)))) {
            ModbusTcpClient client = ModbusTcpClient.create(NettyTcpClientTransport.create(cfg -> {
                cfg.hostname = "127.0.0.1";
                cfg.port = server.port();
            }));
            client.connect();
            try {
                assertThat(client.readHoldingRegisters(5, new ReadHoldingRegistersRequest(200, map.length())).registers())
                        .hasSize(2 * map.length());
                assertThat(client.readInputRegisters(5, new ReadInputRegistersRequest(204, 1)).registers())
                        .as("slot count, as an input register").containsExactly(0, 4);
                assertThat(exceptionCode(() -> client.readHoldingRegisters(5, new ReadHoldingRegistersRequest(199, 2)))).isEqualTo(2);
                assertThat(exceptionCode(() -> client.readHoldingRegisters(6, new ReadHoldingRegistersRequest(200, 1)))).isEqualTo(11);
                assertThat(exceptionCode(() -> client.writeSingleRegister(5, new WriteSingleRegisterRequest(201, 1)))).isEqualTo(2);
                assertThat(exceptionCode(() -> client.writeSingleRegister(5, new WriteSingleRegisterRequest(205, 3))))
                        .as("acknowledges a result never written").isEqualTo(3);
                client.writeSingleRegister(5, new WriteSingleRegisterRequest(205, 0));
            } finally {
                client.disconnect();
            }
        }
    }

    @Test
    void aPortInUseIsAClearStartError() {
        try (GateModbusServer first = GateModbusServer.start("127.0.0.1", 0, new GateModbusServices(image, directAcks, Duration.ofSeconds(1)))) {
            int taken = first.port();
            assertThatThrownBy(() -> GateModbusServer.start("127.0.0.1", taken,
                    new GateModbusServices(image, directAcks, Duration.ofSeconds(1))))
                    .hasMessageStartingWith("modbus.port: cannot listen on 127.0.0.1:" + taken);
        }
    }

    private interface Call {
        void run() throws Exception;
    }

    private static int exceptionCode(Call call) {
        try {
            call.run();
        } catch (ModbusResponseException e) {
            return e.getExceptionCode();
        } catch (Exception e) {
            throw new AssertionError("expected a Modbus exception response, got " + e, e);
        }
        throw new AssertionError("expected a Modbus exception response, got a normal one");
    }
}

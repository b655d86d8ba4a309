package io.tessera.gate.sim;

import io.tessera.gate.GateSettingsException;
import io.tessera.gate.map.RegisterMap;
import java.time.Duration;

/**
 * @param host         the gate's address ({@code plc.host})
 * @param port         the gate's Modbus TCP port ({@code plc.port})
 * @param map          the register map the gate serves (base address, unit id, slots)
 * @param pollInterval time between two reads of the map ({@code plc.poll-ms})
 * @param ackDelay     how long the PLC takes before acknowledging what it read ({@code plc.ack-delay-ms})
 * @param timeout      connect and request timeout ({@code plc.timeout-ms})
 */
public record PlcSimSettings(String host, int port, RegisterMap map, Duration pollInterval, Duration ackDelay, Duration timeout) {
    public PlcSimSettings {
        if (host == null || host.isBlank()) {
            throw new GateSettingsException("plc.host", "is required");
        }
        if (port < 1 || port > 65535) {
            throw new GateSettingsException("plc.port", "must be 1..65535, got " + port);
        }
        if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new GateSettingsException("plc.poll-ms", "must be positive, got " + pollInterval);
        }
        if (ackDelay == null || ackDelay.isNegative()) {
            throw new GateSettingsException("plc.ack-delay-ms", "must be 0 or more, got " + ackDelay);
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new GateSettingsException("plc.timeout-ms", "must be positive, got " + timeout);
        }
    }

    public static PlcSimSettings of(String host, int port, RegisterMap map) {
        return new PlcSimSettings(host, port, map, Duration.ofMillis(20), Duration.ZERO, Duration.ofSeconds(1));
    }

    public PlcSimSettings withPollInterval(Duration d) {
        return new PlcSimSettings(host, port, map, d, ackDelay, timeout);
    }

    public PlcSimSettings withAckDelay(Duration d) {
        return new PlcSimSettings(host, port, map, pollInterval, d, timeout);
    }
}

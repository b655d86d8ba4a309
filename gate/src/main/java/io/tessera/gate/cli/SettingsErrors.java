package io.tessera.gate.cli;

import io.tessera.gate.GateSettingsException;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Turns a bad setting into a usage error that names both the flag and the key. */
final class SettingsErrors {
    private static final Map<String, String> FLAGS = Map.ofEntries(
            Map.entry("modbus.base-address", "--base-address"),
            Map.entry("modbus.unit-id", "--unit-id"),
            Map.entry("gate.slots", "--slots"),
            Map.entry("modbus.port", "--modbus-port"),
            Map.entry("modbus.bind-address", "--modbus-address"),
            Map.entry("gate.policy", "--policy"),
            Map.entry("gate.source", "--source"),
            Map.entry("gate.line", "--line"),
            Map.entry("gate.start-from", "--start-from"),
            Map.entry("gate.reject-window-ms", "--reject-window-ms"),
            Map.entry("gate.ack-timeout-ms", "--ack-timeout-ms"),
            Map.entry("gate.status-hold-ms", "--status-hold-ms"),
            Map.entry("kafka.bootstrap.servers", "--bootstrap"),
            Map.entry("plc.host", "--host"),
            Map.entry("plc.port", "--port"),
            Map.entry("plc.poll-ms", "--poll-ms"),
            Map.entry("plc.ack-delay-ms", "--ack-delay-ms"));

    private SettingsErrors() {
    }

    static ParameterException usage(CommandLine cli, GateSettingsException e) {
        String flag = FLAGS.get(e.key());
        return new ParameterException(cli, (flag == null ? "" : flag + " ") + e.getMessage(), e);
    }
}

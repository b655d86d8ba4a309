package io.tessera.gate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.gate.GateSettings;
import io.tessera.gate.core.GatePolicy;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class GateCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Object command, String... args) {
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void helpDocumentsTheRegisterMapTheHandshakeAndThePolicies() {
        assertThat(run(new GateCommand(), "--help")).isZero();
        assertThat(out.toString())
                .contains("B+0   heartbeat", "B+1   status", "B+2   result counter", "B+3   session", "B+5   acknowledge",
                        "B+8   ring", "+3 decision: 1 OK, 2 DEFECT, 3 UNKNOWN", "+4 score x1000")
                .contains("Handshake:", "pass-signal", "reject-signal", "--base-address", "--unit-id", "--slots",
                        "--simulate-plc", "--metrics-port");
    }

    @Test
    void printMapGivesAbsoluteAddressesForTheSettings() {
        assertThat(run(new GateCommand(), "--line", "l1", "--base-address", "1000", "--slots", "2", "--unit-id", "9", "--print-map")).isZero();
        assertThat(out.toString()).contains("Unit id 9; 24 holding registers from 1000")
                .containsPattern("1000 +heartbeat").containsPattern("1005 +acknowledge").containsPattern("1008\\.\\.1023 +ring");
    }

    @Test
    void badSettingsAreRefusedNamingFlagAndKey() {
        assertThat(run(new GateCommand(), "--line", "l1", "--base-address", "65530", "--print-map")).as("%s", err).isEqualTo(2);
        assertThat(err.toString()).contains("--base-address modbus.base-address: the map of 72 registers starting at 65530");

        assertThat(run(new GateCommand(), "--line", "l1", "--source", "alerts")).isEqualTo(2);
        assertThat(err.toString()).contains("--policy gate.policy: pass-signal writes OK results, which alerts never carry");

        assertThat(run(new GateCommand(), "--line", "l1", "--slots", "15")).isEqualTo(2);
        assertThat(err.toString()).contains("--slots gate.slots: must be 1..14");

        assertThat(run(new GateCommand(), "--line", "l1", "--policy", "maybe")).isEqualTo(2);
        assertThat(err.toString()).contains("--policy gate.policy: must be pass-signal or reject-signal, got 'maybe'");

        assertThat(run(new PlcSimCommand(), "--port", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--port plc.port: must be 1..65535");
    }

    @Test
    void optionsBecomeSettings() {
        GateCommand command = new GateCommand();
        new CommandLine(command).parseArgs("--line", "l2", "--policy", "reject-signal", "--source", "alerts",
                "--topic-prefix", "plant1.", "--modbus-port", "0", "--consumer-prop", "security.protocol=SSL");
        GateSettings s = command.settings();
        assertThat(s.policy()).isEqualTo(GatePolicy.REJECT_SIGNAL);
        assertThat(s.topic()).isEqualTo("plant1.alerts");
        assertThat(s.groupId()).isEqualTo("tessera-gate-l2");
        assertThat(s.map().slots()).isEqualTo(8);
        assertThat(s.consumerProps()).containsEntry("security.protocol", "SSL");
        assertThat(s.withCamera("cam-3").withGroupId(null).groupId()).as("a gate per camera keeps its own position")
                .isEqualTo("tessera-gate-l2-cam-3");
    }
}

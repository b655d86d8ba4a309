package io.tessera.launcher.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tessera.launcher.TesseraCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A short chaos run on this machine, as CI runs it: two inspect JVMs in one group on a local
 * broker, two SIGKILLs, one broker restart and one bad frame of every kind in about two minutes of
 * frames. The audit must pass: nothing lost, doubled or misrouted. The stall figure is reported,
 * not asserted: it depends on how loaded the machine is.
 */
@Tag("integration")
class ChaosIT {

    @Test
    void aShortRunWithKillsABrokerRestartAndBadFramesLosesAndDoublesNothing(@TempDir Path work) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter progress = new StringWriter();
        CommandLine cli = TesseraCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(progress, true));
        int exit = cli.execute("chaos", "--instances", "2", "--kills", "2", "--broker-restarts", "1", "--duration", "100s",
                "--seed", "11", "--work-dir", work.toString(), "--json");
        System.out.println(progress);
        System.out.println(out);

        assertThat(exit).as("exit status; progress:%n%s", progress).isZero();
        JsonNode report = new ObjectMapper().readTree(out.toString());
        assertThat(report.get("passed").asBoolean()).isTrue();
        assertThat(report.get("kills").asInt()).isEqualTo(2);
        assertThat(report.get("brokerRestarts").asInt()).isEqualTo(1);
        assertThat(report.get("frames").asInt()).isPositive();
        assertThat(report.get("verdicts").asInt()).isEqualTo(report.get("frames").asInt());
        assertThat(report.get("duplicates").asInt()).isZero();
        assertThat(report.get("missing").asInt()).isZero();
        assertThat(report.get("alertsMissing").asInt()).isZero();
        assertThat(report.get("alertsDuplicated").asInt()).isZero();
        assertThat(report.get("dlqExpected").asInt()).isEqualTo(BadFrameKind.values().length);
        assertThat(report.get("dlqFound").asInt()).isEqualTo(BadFrameKind.values().length);
        assertThat(report.get("dlqWrongReason").asInt()).isZero();
    }
}

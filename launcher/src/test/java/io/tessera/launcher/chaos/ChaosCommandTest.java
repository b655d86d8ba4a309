package io.tessera.launcher.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.launcher.TesseraCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Bad options are refused before anything starts, naming the flag. */
class ChaosCommandTest {

    @Test
    void brokerRestartsNeedTheLocalBroker() {
        assertThat(run("chaos", "--bootstrap", "localhost:1", "--broker-restarts", "1")).contains("--broker-restarts");
    }

    @Test
    void aDurationTooShortForTheFaultsIsRefused() {
        assertThat(run("chaos", "--kills", "10", "--broker-restarts", "2", "--duration", "2m")).contains("--duration");
    }

    @Test
    void outOfRangeCountsNameTheirFlag() {
        assertThat(run("chaos", "--instances", "0")).contains("--instances");
        assertThat(run("chaos", "--fps", "0")).contains("--fps");
        assertThat(run("chaos", "--kills", "-1")).contains("--kills");
    }

    private static String run(String... args) {
        CommandLine cli = TesseraCli.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        int code = cli.execute(args);
        assertThat(code).isEqualTo(2);
        return err.toString();
    }
}

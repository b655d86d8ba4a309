package io.tessera.launcher.teachin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.launcher.TesseraCli;
import io.tessera.testing.BrightnessClassifier;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command's own checks, before anything talks to Kafka. */
class TeachInCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new TeachInCommand(r -> BrightnessClassifier.standard(), Clock.systemUTC()));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void isAModelSubcommandWithHelp() {
        CommandLine model = TesseraCli.commandLine().getSubcommands().get("model");

        assertThat(model.getSubcommands()).containsKey("teach-in");
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("--recording").contains("--camera").contains("--dry-run").contains("--forget")
                .contains("<prefix>thresholds");
    }

    @Test
    void forgetNeedsACamera() {
        assertThat(run("--forget", "--bootstrap", "127.0.0.1:1")).isEqualTo(2);
        assertThat(err.toString()).contains("--forget needs --camera");
    }

    @Test
    void aRecordingIsRequiredToTeach() {
        assertThat(run("--camera", "cam-1", "--bootstrap", "127.0.0.1:1")).isEqualTo(2);
        assertThat(err.toString()).contains("--recording is required");
    }

    @Test
    void badRuleOptionsAreNamed() {
        assertThat(run("--recording", "nowhere", "--target-frr", "1.5", "--bootstrap", "127.0.0.1:1")).isEqualTo(2);
        assertThat(err.toString()).contains("--target-frr").contains("false-reject rate");
    }

    @Test
    void anUnreadableRecordingIsNamed() {
        assertThat(run("--recording", "no-such-recording", "--bootstrap", "127.0.0.1:1")).isEqualTo(2);
        assertThat(err.toString()).contains("--recording no-such-recording");
    }
}

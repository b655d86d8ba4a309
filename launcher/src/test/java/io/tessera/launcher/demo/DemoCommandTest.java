package io.tessera.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DemoCommandTest {

    @Test
    void helpExplainsEveryOption() {
        CommandLine cli = new CommandLine(new DemoCommand());
        String help = cli.getUsageMessage(CommandLine.Help.Ansi.OFF);
        for (CommandLine.Model.OptionSpec option : cli.getCommandSpec().options()) {
            assertThat(option.description()).as(option.longestName()).isNotEmpty();
            assertThat(help).contains(option.longestName());
        }
        assertThat(help).contains("--bootstrap", "--fps", "--cameras", "--duration", "Ctrl-C");
    }

    @Test
    void durations() {
        assertThat(DemoCommand.parseDuration("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DemoCommand.parseDuration("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(DemoCommand.parseDuration("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(DemoCommand.parseDuration("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
        assertThatThrownBy(() -> DemoCommand.parseDuration("soon")).hasMessageContaining("--duration");
    }

    @Test
    void badSettingsAreRefusedBeforeAnythingStarts(@TempDir Path model) {
        StringWriter err = new StringWriter();
        DemoCommand demo = new DemoCommand(request -> {
            throw new AssertionError("nothing may start");
        }, Clock.systemUTC());
        int code = new CommandLine(demo).setErr(new PrintWriter(err, true))
                .execute("--model", model.toString(), "--fps", "0");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--fps");

        StringWriter err2 = new StringWriter();
        int missing = new CommandLine(new DemoCommand()).setErr(new PrintWriter(err2, true))
                .execute("--model", model.resolve("nowhere").toString());
        assertThat(missing).isEqualTo(2);
        assertThat(err2.toString()).contains("no model folder", "--model");

        StringWriter err3 = new StringWriter();
        DemoCommand fresh = new DemoCommand(request -> {
            throw new AssertionError("nothing may start");
        }, Clock.systemUTC());
        int gateWithCameras = new CommandLine(fresh).setErr(new PrintWriter(err3, true))
                .execute("--model", model.toString(), "--gate", "--cameras", "2");
        assertThat(gateWithCameras).isEqualTo(2);
        assertThat(err3.toString()).contains("--gate needs --cameras 1");
    }

    @Test
    void gateLinesAreNamedAsTheLineSimulatorNamesThem() {
        assertThat(DemoGates.lineIds(1)).containsExactly("line");
        assertThat(DemoGates.lineIds(2)).containsExactly("line-1", "line-2");
    }
}

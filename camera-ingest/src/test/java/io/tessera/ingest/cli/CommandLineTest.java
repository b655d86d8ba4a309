package io.tessera.ingest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

class CommandLineTest {
    private static final List<Object> COMMANDS = List.of(new IngestCommand(), new RecordCommand(), new ReplayCommand());

    @Test
    void helpExplainsEveryOptionAndNamesTheVideoBackends() {
        for (Object command : List.of(new IngestCommand(), new RecordCommand(), new ReplayCommand())) {
            CommandLine cl = new CommandLine(command);
            for (OptionSpec option : cl.getCommandSpec().options()) {
                assertThat(String.join(" ", option.description())).as(cl.getCommandName() + " " + option.longestName())
                        .isNotBlank();
            }
            StringWriter help = new StringWriter();
            cl.setOut(new PrintWriter(help));
            assertThat(cl.execute("--help")).isZero();
            assertThat(help.toString()).contains("Usage:");
        }
        String ingestHelp = new CommandLine(new IngestCommand()).getUsageMessage();
        assertThat(ingestHelp).contains("V4L2", "CV_MJPEG", "no FFMPEG", "--source", "--fps", "--camera-id", "--line-id", "--bootstrap");
    }

    @Test
    void theDefaultsFileNamesOnlyRealOptionsWithTheBuiltInValues() {
        Path file = Path.of(System.getProperty("tessera.root"), "config", "camera-ingest.properties");
        Properties p = IngestDefaults.load(file);
        Set<String> known = new HashSet<>();
        for (Object command : COMMANDS) {
            CommandLine cl = new CommandLine(command);
            for (OptionSpec option : cl.getCommandSpec().options()) {
                String name = option.longestName().replaceFirst("^-+", "");
                known.add(name);
                known.add(cl.getCommandName() + "." + name);
                String documented = p.getProperty(cl.getCommandName() + "." + name, p.getProperty(name));
                if (documented != null && option.defaultValue() != null) {
                    assertThat(documented.trim()).as("default of --" + name + " in " + file).isEqualTo(option.defaultValue());
                }
            }
        }
        assertThat(p.stringPropertyNames()).allSatisfy(key -> assertThat(known).as("option for key " + key).contains(key));
    }

    @Test
    void optionsFallBackToTheFile() {
        IngestCommand ingest = new IngestCommand();
        new CommandLine(ingest).parseArgs("--source", "dir", "--dir", "/tmp");
        assertThat(ingest.fps).isEqualTo(30);
        assertThat(ingest.kafka.bootstrap).isEqualTo("localhost:9092");
        assertThat(ingest.producer.bufferMemory).isEqualTo(256L * 1024 * 1024);
        assertThat(ingest.statusInterval).isEqualTo(Duration.ofSeconds(1));
        IngestCommand custom = new IngestCommand();
        new CommandLine(custom).parseArgs("--fps", "12.5", "--duration", "90s", "--producer-prop", "client.rack=r1");
        assertThat(custom.fps).isEqualTo(12.5);
        assertThat(custom.duration).isEqualTo(Duration.ofSeconds(90));
        assertThat(custom.producer.settings("x:1").toProperties("c")).containsEntry("client.rack", "r1")
                .containsEntry("enable.idempotence", true);
    }

    @Test
    void replayTimingOptionsExcludeEachOther() {
        ReplayCommand max = new ReplayCommand();
        new CommandLine(max).parseArgs("rec", "--max");
        assertThat(max.timing.max).isTrue();
        ReplayCommand fast = new ReplayCommand();
        new CommandLine(fast).parseArgs("rec", "--speed", "4");
        assertThat(fast.timing.speed).isEqualTo(4.0);
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new ReplayCommand());
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute("rec", "--max", "--speed", "2")).isEqualTo(2);
        assertThat(err.toString()).contains("mutually exclusive");
    }

    @Test
    void badSettingsAreNamed() {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new IngestCommand());
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute("--source", "dir")).isEqualTo(2);
        assertThat(err.toString()).contains("--source dir needs --dir");
        err.getBuffer().setLength(0);
        assertThat(cl.execute("--source", "sim", "--format", "tiff")).isEqualTo(2);
        assertThat(err.toString()).contains("format must be one of jpeg, png, mono8, bgr8");
        err.getBuffer().setLength(0);
        assertThat(cl.execute("--duration", "soon")).isEqualTo(2);
        assertThat(err.toString()).contains("'soon' is not a duration");
    }

    @Test
    void listsTheVideoBackendsOfThisBuild() {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new IngestCommand());
        cl.setOut(new PrintWriter(out));
        assertThat(cl.execute("--video-backends")).isZero();
        assertThat(out.toString()).contains("V4L2", "CV_MJPEG", "Video I/O:");
    }
}

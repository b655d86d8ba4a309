package io.tessera.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TesseraCliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = TesseraCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void helpListsTheCommands() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Usage: tessera").contains("broker").contains("kafka");
    }

    @Test
    void versionNamesTheProjectVersion() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).containsPattern("tessera \\d+\\.\\d+\\.\\d+").contains("Kafka clients 4.4.0");
    }

    @Test
    void brokerHelpExplainsEveryOption() {
        assertThat(run("broker", "--help")).isZero();
        assertThat(out.toString()).contains("--data-dir=DIR").contains("--port=PORT").contains("Default: 9092")
                .contains("--heap-mb=MB").contains("--max-message-bytes=BYTES").contains("--config=KEY=VALUE");
    }

    @Test
    void badPortIsRefusedNamingTheOption() {
        assertThat(run("broker", "--port", "70000")).isEqualTo(2);
        assertThat(err.toString()).contains("--port must be 0 (any free port) or 1-65535, got 70000");
    }

    @Test
    void tooSmallHeapIsRefusedNamingTheOption() {
        assertThat(run("broker", "--heap-mb", "16")).isEqualTo(2);
        assertThat(err.toString()).contains("--heap-mb must be at least 128");
    }

    @Test
    void brokerOptionsBecomeSettings() {
        CommandLine cli = TesseraCli.commandLine();
        CommandLine.ParseResult parsed = cli.parseArgs("broker", "--port", "0", "--data-dir", "d",
                "--config", "log.retention.ms=1000", "--heap-mb", "256");
        BrokerCommand broker = (BrokerCommand) parsed.subcommand().commandSpec().userObject();

        var settings = broker.settings();

        assertThat(settings.port()).isZero();
        assertThat(settings.heapMegabytes()).isEqualTo(256);
        assertThat(settings.dataDir()).hasValue(Path.of("d").toAbsolutePath());
        assertThat(settings.overrides()).containsEntry("log.retention.ms", "1000");
    }

    @Test
    void brokerOnATakenPortFailsWithOneLineNamingThePort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            assertThat(run("broker", "--port", Integer.toString(port))).isEqualTo(1);
            assertThat(err.toString()).startsWith("tessera broker: port " + port + " on 127.0.0.1 is already in use")
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void kafkaHelpListsTheTools() {
        assertThat(run("kafka", "--help")).isZero();
        assertThat(out.toString()).contains("topics").contains("console-producer").contains("console-consumer")
                .contains("consumer-groups").contains("get-offsets");
    }

    @Test
    void kafkaWithoutToolIsAnError() {
        assertThat(run("kafka")).isEqualTo(2);
        assertThat(err.toString()).contains("name a Kafka tool");
    }

    @Test
    void toolArgumentsPassThroughUntouched() {
        CommandLine cli = TesseraCli.commandLine();
        CommandLine.ParseResult parsed = cli.parseArgs("kafka", "topics", "--bootstrap-server", "h:1",
                "--create", "--topic", "t", "--help", "--partitions=3");
        KafkaCommand.Tool tool = (KafkaCommand.Tool) parsed.subcommand().subcommand().commandSpec().userObject();

        assertThat(tool.args).containsExactly("--bootstrap-server", "h:1", "--create", "--topic", "t", "--help", "--partitions=3");
        assertThat(tool.mainClass()).isEqualTo("org.apache.kafka.tools.TopicCommand");
    }

    @Test
    void everyToolMainClassExists() throws Exception {
        for (CommandLine tool : TesseraCli.commandLine().getSubcommands().get("kafka").getSubcommands().values()) {
            if (tool.getCommandSpec().userObject() instanceof KafkaCommand.Tool t) {
                assertThat(Class.forName(t.mainClass()).getMethod("main", String[].class)).isNotNull();
            }
        }
    }

    @Test
    void bootstrapIsAddedOnlyWhenMissing() {
        assertThat(KafkaCommand.withBootstrap(List.of("--list"), "127.0.0.1:9092"))
                .containsExactly("--bootstrap-server", "127.0.0.1:9092", "--list");
        assertThat(KafkaCommand.withBootstrap(List.of("--bootstrap-server", "x:1", "--list"), "127.0.0.1:9092"))
                .containsExactly("--bootstrap-server", "x:1", "--list");
        assertThat(KafkaCommand.withBootstrap(List.of("--bootstrap-server=x:1"), "y:2")).containsExactly("--bootstrap-server=x:1");
        assertThat(KafkaCommand.withBootstrap(List.of("--bootstrap-controller", "c:1", "describe"), "y:2"))
                .containsExactly("--bootstrap-controller", "c:1", "describe");
        assertThat(KafkaCommand.withBootstrap(List.of("--help"), "y:2")).containsExactly("--help");
    }

    @Test
    void defaultBootstrapComesFromTheEnvironmentOrTheBrokerPort() {
        assertThat(KafkaCommand.defaultBootstrap(null)).isEqualTo("127.0.0.1:9092");
        assertThat(KafkaCommand.defaultBootstrap(" ")).isEqualTo("127.0.0.1:9092");
        assertThat(KafkaCommand.defaultBootstrap("kafka:29092 ")).isEqualTo("kafka:29092");
    }
}

package io.tessera.launcher;

import io.tessera.launcher.teachin.TeachInCommand;
import io.tessera.stream.cli.ModelDeployCommand;
import io.tessera.stream.cli.ModelRollbackCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tessera} command: one entry point for every Tessera tool. */
@Command(
        name = "tessera",
        mixinStandardHelpOptions = true,
        versionProvider = TesseraCli.Version.class,
        description = {
            "Kafka-native visual inspection for factory lines.",
            "Cameras publish frames to Kafka; a Kafka Streams app tiles and classifies them and publishes "
                    + "one verdict per frame.",
            "",
            "Run './tessera COMMAND --help' for the options of a command."},
        subcommands = {
            BrokerCommand.class,
            KafkaCommand.class,
            io.tessera.stream.cli.InspectCommand.class,
            io.tessera.bench.BenchCommand.class,
            io.tessera.ingest.cli.IngestCommand.class,
            io.tessera.ingest.cli.RecordCommand.class,
            io.tessera.ingest.cli.ReplayCommand.class,
            io.tessera.ingest.cli.RecordFolderCommand.class,
            io.tessera.bench.ingest.BenchIngestCommand.class,
            io.tessera.bench.BenchGraphsCommand.class,
            io.tessera.model.cli.ModelCommand.class,
            io.tessera.gate.cli.GateCommand.class,
            io.tessera.gate.cli.PlcSimCommand.class,
            io.tessera.launcher.demo.DemoCommand.class,
            io.tessera.launcher.chaos.ChaosCommand.class,
            CommandLine.HelpCommand.class})
public final class TesseraCli {

    /** Quiet by default: client config dumps and INFO chatter stay off the screen. */
    static final String LOG_CONFIG = "classpath:io/tessera/launcher/log4j2-cli.xml";

    public static void main(String[] args) {
        // Before any logger exists; an explicit -Dlog4j2.configurationFile still wins.
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", LOG_CONFIG);
        }
        // Kafka tools and the broker command log from their own shutdown hooks; log4j must outlive them.
        if (System.getProperty("log4j2.shutdownHookEnabled") == null) {
            System.setProperty("log4j2.shutdownHookEnabled", "false");
        }
        System.exit(commandLine().execute(args));
    }

    /** The command tree, with the settings the pass-through Kafka tools need. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new TesseraCli());
        // 'model compare' replays recordings through the inspect app's path: it needs camera-ingest and
        // stream-app, which the models module may not see, so it joins the 'model' commands here.
        cli.getSubcommands().get("model").addSubcommand(new io.tessera.launcher.compare.CompareCommand());
        cli.setExecutionExceptionHandler(new ErrorReporter());
        KafkaCommand.configurePassThrough(cli.getSubcommands().get(KafkaCommand.NAME));
        // deploy and rollback talk to Kafka and the inspect app, which the models module knows nothing of
        CommandLine model = cli.getSubcommands().get("model");
        model.addSubcommand(new ModelDeployCommand());
        model.addSubcommand(new ModelRollbackCommand());
        // teach-in reads recordings (camera-ingest) and scores them as inspect does (stream-app)
        model.addSubcommand(new TeachInCommand());
        return cli;
    }

    /** The project version, from a resource filtered at build time. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                "tessera " + load("/io/tessera/launcher/version.properties").getProperty("version", "unknown"),
                "Kafka clients " + load("/kafka/kafka-version.properties").getProperty("version", "unknown"),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }

        private static Properties load(String resource) {
            Properties p = new Properties();
            try (InputStream in = TesseraCli.class.getResourceAsStream(resource)) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
            return p;
        }
    }
}

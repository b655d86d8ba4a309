package io.tessera.launcher;

import io.tessera.kafka.local.LocalKafka;
import io.tessera.kafka.local.LocalKafkaSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tessera broker}: a real single-node Kafka broker in the foreground. */
@Command(
        name = "broker",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a local single-node Kafka broker in the foreground.",
            "KRaft broker and controller in one process on 127.0.0.1, a child JVM from Tessera's own classpath: "
                    + "no Docker, no Kafka install. Prints the bootstrap servers once it is ready; Ctrl-C stops it "
                    + "cleanly. Accepts frames up to 10 MiB. Use './tessera kafka ...' for the Kafka command-line tools."},
        footer = {
            "",
            "Examples:",
            "  ./tessera broker",
            "  ./tessera broker --data-dir ~/tessera-broker --port 19092",
            "  ./tessera broker --config log.retention.ms=3600000"})
final class BrokerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Keep the broker's topics in DIR across runs (created if missing; one broker per DIR). "
                    + "Default: a fresh temporary folder, deleted when the broker stops.")
    Path dataDir;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + KafkaCommand.DEFAULT_PORT,
            description = "Client port on 127.0.0.1; 0 picks a free port. Default: ${DEFAULT-VALUE}, "
                    + "which './tessera kafka' tools use when no --bootstrap-server is given.")
    int port;

    @Option(names = "--heap-mb", paramLabel = "MB", defaultValue = "" + LocalKafkaSettings.DEFAULT_HEAP_MEGABYTES,
            description = "Maximum heap of the broker JVM in MiB (at least 128). Default: ${DEFAULT-VALUE}.")
    int heapMegabytes;

    @Option(names = "--max-message-bytes", paramLabel = "BYTES",
            defaultValue = "" + LocalKafkaSettings.DEFAULT_MAX_MESSAGE_BYTES,
            description = "Largest record batch the broker accepts (message.max.bytes, replica.fetch.max.bytes), "
                    + "at least 1048576. Default: ${DEFAULT-VALUE} (10 MiB frames plus headers).")
    int maxMessageBytes;

    @Option(names = "--config", paramLabel = "KEY=VALUE",
            description = "Extra broker property, applied last; repeatable. "
                    + "Example: --config log.retention.bytes=1073741824")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Override
    public Integer call() throws InterruptedException {
        LocalKafkaSettings settings = settings();
        PrintWriter out = spec.commandLine().getOut();
        LocalKafka kafka = LocalKafka.start(settings);
        Thread stopper = new Thread(kafka::close, "tessera-broker-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        out.printf("Kafka broker ready (pid %d). Data: %s%s%n", kafka.pid(), kafka.dataDir(),
                settings.dataDir().isPresent() ? "" : " (deleted on exit)");
        out.printf("Broker log: %s%n", kafka.logFile());
        out.printf("bootstrap.servers=%s%n", kafka.bootstrapServers());
        out.printf("Try: ./tessera kafka topics%s --list%n", kafka.bootstrapServers().equals(KafkaCommand.defaultBootstrap(null))
                ? "" : " --bootstrap-server " + kafka.bootstrapServers());
        out.println("Press Ctrl-C to stop.");
        out.flush();

        int code = kafka.awaitExit();
        // Ctrl-C reaches both JVMs of the foreground process group; the broker exits on its signal.
        if (code == 0 || code == EXIT_SIGINT || code == EXIT_SIGTERM) {
            out.println("Kafka broker stopped.");
            out.flush();
            return 0;
        }
        PrintWriter err = spec.commandLine().getErr();
        err.printf("Kafka broker exited with code %d; end of its log %s:%n%s%n", code, kafka.logFile(), tail(kafka.logFile()));
        err.flush();
        return 1;
    }

    private static final int EXIT_SIGINT = 130;
    private static final int EXIT_SIGTERM = 143;

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read it: " + e.getMessage() + ")";
        }
    }

    LocalKafkaSettings settings() {
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port must be 0 (any free port) or 1-65535, got " + port);
        }
        if (heapMegabytes < 128) {
            throw new ParameterException(spec.commandLine(), "--heap-mb must be at least 128, got " + heapMegabytes);
        }
        if (maxMessageBytes < 1024 * 1024) {
            throw new ParameterException(spec.commandLine(),
                    "--max-message-bytes must be at least 1048576, got " + maxMessageBytes);
        }
        LocalKafkaSettings s = LocalKafkaSettings.defaults()
                .withPort(port)
                .withHeapMegabytes(heapMegabytes)
                .withMaxMessageBytes(maxMessageBytes)
                .withOverrides(overrides);
        return dataDir == null ? s : s.withDataDir(dataDir.toAbsolutePath());
    }
}

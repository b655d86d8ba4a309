package io.tessera.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The CLI as a user runs it: {@code tessera broker} in its own JVM, then the Kafka tools through
 * {@code tessera kafka ...}, each in its own JVM, against that broker.
 */
@Tag("integration")
class TesseraCliIT {

    private static final String BOOTSTRAP = "bootstrap.servers=";

    @Test
    void brokerServesTheKafkaTools() throws Exception {
        Process broker = tessera("broker", "--port", "0").redirectErrorStream(true).start();
        List<String> brokerOutput = new ArrayList<>();
        try {
            String bootstrap = awaitBootstrap(broker, brokerOutput);
            long brokerChildPid = childPids(broker).get(0);

            Result create = run(null, "kafka", "topics", "--bootstrap-server", bootstrap,
                    "--create", "--topic", "cli.test", "--partitions", "2");
            assertThat(create.code()).as(create.output()).isZero();
            assertThat(create.output()).contains("Created topic cli.test");

            // Without --bootstrap-server the tools use $KAFKA_BOOTSTRAP.
            Result list = runWithEnv(bootstrap, "kafka", "topics", "--list");
            assertThat(list.code()).as(list.output()).isZero();
            assertThat(list.output().lines()).contains("cli.test");

            Result produce = run("frame-1\nframe-2\nframe-3\n", "kafka", "console-producer",
                    "--bootstrap-server", bootstrap, "--topic", "cli.test");
            assertThat(produce.code()).as(produce.output()).isZero();

            Result consume = run(null, "kafka", "console-consumer", "--bootstrap-server", bootstrap,
                    "--topic", "cli.test", "--from-beginning", "--max-messages", "3");
            assertThat(consume.code()).as(consume.output()).isZero();
            assertThat(consume.output().lines()).contains("frame-1", "frame-2", "frame-3");
            // Quiet by default: no client configuration dump on the screen.
            assertThat(consume.output()).doesNotContain("ConsumerConfig values");

            Result groups = run(null, "kafka", "consumer-groups", "--bootstrap-server", bootstrap, "--list");
            assertThat(groups.code()).as(groups.output()).isZero();

            // SIGTERM, as Ctrl-C would: the launcher stops the broker child and exits.
            broker.destroy();
            assertThat(broker.waitFor(120, TimeUnit.SECONDS)).isTrue();
            ProcessHandle.of(brokerChildPid).ifPresent(child -> {
                try {
                    child.onExit().get(60, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new AssertionError("broker child " + brokerChildPid + " still running", e);
                }
            });
            assertThat(ProcessHandle.of(brokerChildPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        } finally {
            broker.destroyForcibly();
        }
    }

    private static String awaitBootstrap(Process broker, List<String> output) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(broker.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            output.add(line);
            if (line.startsWith(BOOTSTRAP)) {
                // Keep draining so the broker never blocks on a full pipe.
                Thread drain = new Thread(() -> {
                    try {
                        reader.lines().forEach(l -> { });
                    } catch (UncheckedIOException e) {
                        // The stream closes when the broker process is gone.
                    }
                }, "drain-broker-output");
                drain.setDaemon(true);
                drain.start();
                return line.substring(BOOTSTRAP.length());
            }
        }
        throw new AssertionError("tessera broker ended without printing " + BOOTSTRAP + ": " + output);
    }

    private static List<Long> childPids(Process p) {
        return p.children().map(ProcessHandle::pid).toList();
    }

    private static ProcessBuilder tessera(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(TesseraCli.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove(KafkaCommand.BOOTSTRAP_ENV);
        return pb;
    }

    private record Result(int code, String output) {
    }

    private static Result run(String stdin, String... args) throws Exception {
        return run(tessera(args), stdin);
    }

    private static Result runWithEnv(String bootstrap, String... args) throws Exception {
        ProcessBuilder pb = tessera(args);
        pb.environment().put(KafkaCommand.BOOTSTRAP_ENV, bootstrap);
        return run(pb, null);
    }

    private static Result run(ProcessBuilder pb, String stdin) throws Exception {
        Process p = pb.redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), output);
    }
}

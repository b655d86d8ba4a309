package io.tessera.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The demo end to end on this machine: its own local broker, the inspection app with the shipped
 * model through DJL's TensorFlow engine, the dashboard and two simulated 2K
 * cameras on two lines. Verdicts of both lines must reach the dashboard, and stopping the demo
 * must leave no child process (the broker's JVM) behind.
 */
@Tag("integration")
class DemoCommandIT {
    private static final Duration WAIT = Duration.ofSeconds(180);
    private static final Pattern DASHBOARD = Pattern.compile("dashboard:\\s+(http://\\S+)");

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void runsALineAndStopsCleanly() throws Exception {
        // Other tests in this JVM may keep their broker running (KafkaBrokerExtension): only the demo's own count.
        Set<Long> before = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .collect(Collectors.toSet());
        DemoCommand demo = new DemoCommand();
        StringWriter output = new StringWriter();
        PrintWriter out = new PrintWriter(output, true);
        AtomicInteger exit = new AtomicInteger(-1);
        Thread run = new Thread(() -> exit.set(new CommandLine(demo).setOut(out).setErr(out).execute(
                "--port", "0", "--fps", "2", "--duration", "10m")), "demo");
        run.start();
        try {
            URI dashboard = until("the dashboard address in the output", () -> {
                if (!run.isAlive()) {
                    throw new AssertionError("the demo ended before it was up, exit code " + exit.get());
                }
                String text = output.toString();
                Matcher m = DASHBOARD.matcher(text);
                return text.contains("Press Ctrl-C") && m.find() ? URI.create(m.group(1)) : null;
            });
            assertThat(output.toString()).contains("topics:     frames, verdicts, alerts, frames.dlq", "Press Ctrl-C", "local broker");
            assertThat(ProcessHandle.current().descendants().filter(p -> !before.contains(p.pid())).count())
                    .as("the local broker runs as a child JVM").isPositive();

            JsonNode lines = until("verdicts of both lines on the dashboard", () -> {
                JsonNode state = json.readTree(http.send(HttpRequest.newBuilder(dashboard.resolve("/api/state")).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                JsonNode l = state.get("stats").get("lines");
                return l.size() == 2 && l.get(0).get("verdicts").asLong() >= 2 && l.get(1).get("verdicts").asLong() >= 2 ? l : null;
            });
            assertThat(List.of(lines.get(0).get("lineId").asText(), lines.get(1).get("lineId").asText()))
                    .containsExactly("line-1", "line-2");
            String metrics = http.send(HttpRequest.newBuilder(dashboard.resolve("/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("tessera_inspect_verdicts_total", "kafka_stream_alive_stream_threads", "jvm_memory_used_bytes");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\ndemo output:\n" + output, e);
        } finally {
            demo.stop();
            run.join(Duration.ofSeconds(120).toMillis());
        }
        assertThat(run.isAlive()).isFalse();
        assertThat(exit.get()).as(output.toString()).isZero();
        assertThat(output.toString()).contains("stopped");
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).filter(p -> !before.contains(p.pid())).count())
                .as("processes left behind").isZero();
    }

    private static <T> T until(String what, Callable<T> probe) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            T value = probe.call();
            if (value != null) {
                return value;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(what + " did not appear within " + WAIT);
    }
}

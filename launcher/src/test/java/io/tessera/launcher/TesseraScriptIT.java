package io.tessera.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./tessera} script at the repository root, run from another folder, on the build this
 * test run made ({@code TESSERA_SKIP_BUILD=1}: the script must not start a Maven build inside one).
 */
@Tag("integration")
class TesseraScriptIT {

    @TempDir
    Path elsewhere;

    private static Path script() {
        String root = System.getProperty("tessera.root");
        assertThat(root).as("system property tessera.root (set by the parent pom)").isNotBlank();
        Path script = Path.of(root, "tessera");
        assertThat(Files.isExecutable(script)).as("%s is executable", script).isTrue();
        return script;
    }

    private record Result(int code, String output) {
    }

    private String run(String... args) throws Exception {
        Result r = runAnyExit(args);
        assertThat(r.code()).as("exit code of tessera %s; output:%n%s", String.join(" ", args), r.output()).isZero();
        return r.output();
    }

    private Result runAnyExit(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = script().toString();
        System.arraycopy(args, 0, command, 1, args.length);
        ProcessBuilder pb = new ProcessBuilder(command).directory(elsewhere.toFile()).redirectErrorStream(true);
        pb.environment().put("TESSERA_SKIP_BUILD", "1");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), output);
    }

    @Test
    void printsItsVersionFromAnyFolder() throws Exception {
        assertThat(run("--version")).contains("tessera 0.1.0").contains("Kafka clients 4.4.0");
    }

    @Test
    void helpListsBrokerAndKafka() throws Exception {
        assertThat(run("--help")).contains("Usage: tessera").contains("broker").contains("kafka");
    }

    @Test
    void passesKafkaToolHelpThrough() throws Exception {
        // TopicCommand's own help, not picocli's (Kafka's tools end their help with exit code 1).
        assertThat(runAnyExit("kafka", "topics", "--help").output())
                .contains("This tool helps to create, delete, describe, or change a topic.")
                .contains("--bootstrap-server").contains("--create");
    }
}

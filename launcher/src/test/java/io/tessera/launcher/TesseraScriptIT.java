package io.tessera.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
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
        return runAnyExit(Map.of(), args);
    }

    private Result runAnyExit(Map<String, String> env, String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = script().toString();
        System.arraycopy(args, 0, command, 1, args.length);
        ProcessBuilder pb = new ProcessBuilder(command).directory(elsewhere.toFile()).redirectErrorStream(true);
        pb.environment().put("TESSERA_SKIP_BUILD", "1");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().putAll(env);
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

    @Test
    void testCommandWithoutBrowserAndWithoutInstallingPrintsTheCommandToRun() throws Exception {
        Result r = runAnyExit(Map.of(
                "TESSERA_CHROMIUM", elsewhere.resolve("no-chromium").toString(),
                "TESSERA_BROWSER_INSTALL", "never"), "test");
        assertThat(r.code()).as(r.output()).isEqualTo(1);
        assertThat(r.output())
                .contains("the browser test needs " + elsewhere.resolve("no-chromium"))
                .contains("sudo sh -c 'apt-get update && apt-get install -y chromium chromium-driver'")
                .doesNotContain("mvn -B verify");
    }

    @Test
    void testCommandWithoutBrowserInstallsDebiansPackagesThroughSudo() throws Exception {
        // Stand-ins on the PATH: a non-root user, a sudo that runs its command, an apt-get that
        // records its arguments and fails, so nothing is installed and no build starts.
        Path bin = Files.createDirectories(elsewhere.resolve("bin"));
        Path calls = elsewhere.resolve("apt-calls.txt");
        executable(bin.resolve("id"), "#!/bin/sh\necho 1000\n");
        executable(bin.resolve("sudo"), "#!/bin/sh\n[ \"$1\" = -n ] && shift\nexec \"$@\"\n");
        executable(bin.resolve("apt-get"), "#!/bin/sh\necho \"apt-get $*\" >> '" + calls + "'\n"
                + "case \"$*\" in *install*) exit 1;; esac\n");
        Result r = runAnyExit(Map.of(
                "PATH", bin + ":" + System.getenv("PATH"),
                "TESSERA_CHROMIUM", elsewhere.resolve("no-chromium").toString()), "test");
        assertThat(r.code()).as(r.output()).isEqualTo(1);
        assertThat(Files.readAllLines(calls))
                .containsExactly("apt-get update -qq", "apt-get install -y -qq chromium chromium-driver");
        assertThat(r.output()).contains("installing chromium and chromium-driver failed").doesNotContain("mvn -B verify");
    }

    private static void executable(Path file, String text) throws Exception {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}

package io.tessera.model.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.model.TestData;
import io.tessera.model.train.RunState;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C for real during {@code model train}: the JVM gets SIGINT in the middle of training and
 * must save the step in progress, close TensorFlow and exit without dying in native code (before
 * the stop request it did, with an hs_err file, losing the steps since the last checkpoint); the
 * same command then resumes from that step.
 */
@Tag("integration")
class TrainSignalIT {
    private static final Pattern STOPPED = Pattern.compile("training stopped on request at step (\\d+) \\(checkpointed\\)");

    @Test
    void ctrlCDuringTrainingSavesTheStepInProgressAndTheSameCommandResumes(@TempDir Path dir) throws Exception {
        Path data = TestData.tinyTrainingSet(dir.resolve("data"));
        Path run = dir.resolve("run");
        Path work = Files.createDirectories(dir.resolve("work"));
        List<String> train = List.of("train", "--data", data.toString(), "--run", run.toString(), "--depth", "18",
                "--tile-size", "128", "--tile-overlap", "16", "--input-size", "64", "--batch", "4", "--warmup", "1", "--threads", "1", "--precision", "fp32",
                "--checkpoint-every", "1000");

        Process first = start(work, train, "--steps", "100000");
        String output;
        try (BufferedReader lines = reader(first)) {
            StringBuilder seen = new StringBuilder();
            String line;
            while ((line = lines.readLine()) != null) {
                seen.append(line).append('\n');
                if (line.contains("step 20/100000")) {
                    break;
                }
            }
            assertThat(seen.toString()).as("training came up").contains("step 20/100000");

            new ProcessBuilder("kill", "-INT", Long.toString(first.pid())).inheritIO().start().waitFor();

            while ((line = lines.readLine()) != null) {
                seen.append(line).append('\n');
            }
            assertThat(first.waitFor(120, TimeUnit.SECONDS)).as("exited after Ctrl-C:\n" + seen).isTrue();
            output = seen.toString();
        } finally {
            first.destroyForcibly();
        }

        assertThat(first.exitValue()).as(output).isEqualTo(130);
        assertThat(output).doesNotContain("A fatal error has been detected");
        try (Stream<Path> files = Files.list(work)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("JVM crash reports").noneMatch(
                    n -> n.startsWith("hs_err"));
        }
        Matcher stopped = STOPPED.matcher(output);
        assertThat(stopped.find()).as(output).isTrue();
        long step = Long.parseLong(stopped.group(1));
        assertThat(step).isGreaterThanOrEqualTo(20);
        assertThat(RunState.read(run).orElseThrow().step()).isEqualTo(step);

        Process second = start(work, train, "--steps", String.valueOf(step + 2));
        String resumed;
        try (BufferedReader lines = reader(second)) {
            resumed = String.join("\n", lines.lines().toList());
            assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
        } finally {
            second.destroyForcibly();
        }
        assertThat(second.exitValue()).as(resumed).isZero();
        assertThat(resumed).contains("resumed from checkpoints/step-" + step + " at step " + step)
                .contains("exported " + run.resolve("model"));
    }

    private static Process start(Path work, List<String> command, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                // a JVM started with SIGINT ignored (anything in the background of a CI script) keeps it so
                "env", "--default-signal=INT", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g", "-Djava.library.path=" + System.getProperty("java.library.path"),
                "-Dorg.bytedeco.javacpp.cachedir=" + System.getProperty("org.bytedeco.javacpp.cachedir"),
                "-cp", System.getProperty("java.class.path"), ModelCommand.class.getName()));
        args.addAll(command);
        args.addAll(List.of(more));
        return new ProcessBuilder(args).directory(work.toFile()).redirectErrorStream(true).start();
    }

    private static BufferedReader reader(Process process) {
        return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }
}

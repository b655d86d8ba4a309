package io.tessera.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Ctrl-C for real: the demo runs in its own JVM, gets SIGINT once it is up, and must stop in
 * order and exit, taking the local broker's JVM with it.
 */
@Tag("integration")
class DemoSignalIT {

    @Test
    void ctrlCStopsEverythingAndLeavesNoProcess() throws Exception {
        // A JVM leaves SIGINT alone when it starts with SIGINT ignored, as anything started in the
        // background of a non-interactive shell (a CI script) does: env restores the default first.
        Process demo = new ProcessBuilder("env", "--default-signal=INT", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g", "-Djava.library.path=" + System.getProperty("java.library.path"),
                "-Dorg.bytedeco.javacpp.cachedir=" + System.getProperty("org.bytedeco.javacpp.cachedir"),
                "-Dai.djl.offline=true", "-Dtessera.root=" + System.getProperty("tessera.root"),
                "-cp", System.getProperty("java.class.path"), DemoMain.class.getName(),
                "--port", "0", "--fps", "1")
                .redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.append(line).append('\n');
                if (line.startsWith("Press Ctrl-C")) {
                    break;
                }
            }
            assertThat(output.toString()).as("the demo came up").contains("dashboard:", "Press Ctrl-C");
            List<ProcessHandle> children = demo.descendants().toList();
            assertThat(children).as("the local broker's JVM").isNotEmpty();

            new ProcessBuilder("kill", "-INT", Long.toString(demo.pid())).inheritIO().start().waitFor();

            while ((line = lines.readLine()) != null) {
                output.append(line).append('\n');
            }
            assertThat(demo.waitFor(120, TimeUnit.SECONDS)).as("the demo exited after Ctrl-C:\n" + output).isTrue();
            assertThat(output.toString()).contains("stopping ...", "stopped");
            for (ProcessHandle child : children) {
                assertThat(child.onExit().get(30, TimeUnit.SECONDS).isAlive()).as("process " + child.pid() + " left behind").isFalse();
            }
        } finally {
            demo.descendants().forEach(ProcessHandle::destroyForcibly);
            demo.destroyForcibly();
        }
    }
}

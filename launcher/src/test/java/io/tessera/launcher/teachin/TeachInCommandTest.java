package io.tessera.launcher.teachin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.ingest.CapturedFrame;
import io.tessera.ingest.recording.RecordingWriter;
import io.tessera.launcher.TesseraCli;
import io.tessera.protocol.ContentType;
import io.tessera.protocol.FrameMetadata;
import io.tessera.testing.TestFrames;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;
import io.tessera.testing.BrightnessClassifier;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command's own checks, before anything talks to Kafka. */
class TeachInCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new TeachInCommand(r -> BrightnessClassifier.standard(), Clock.systemUTC()));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void isAModelSubcommandWithHelp() {
        CommandLine model = TesseraCli.commandLine().getSubcommands().get("model");

        assertThat(model.getSubcommands()).containsKey("teach-in");
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("--recording").contains("--camera").contains("--dry-run").contains("--forget")
                .contains("<prefix>thresholds");
    }

    @Test
    void aDryRunPrintsWhatItFoundAndTouchesNoBroker(@TempDir Path dir) throws Exception {
        Path rec = dir.resolve("rec");
        try (RecordingWriter w = RecordingWriter.create(rec, "frames", "dry run")) {
            for (int seq = 0; seq < 10; seq++) {
                Mat image = TestFrames.image(256, 128, 0, 0, 10 + seq);
                FrameMetadata meta = FrameMetadata.of("cam-1", "line-1", seq, Instant.now(), ContentType.PNG);
                w.append(List.of(new RecordingWriter.SourcedFrame(CapturedFrame.of(meta, TestFrames.encode(image, ".png")), "frames",
                        0, seq)));
                image.release();
            }
        }

        int code = run("--recording", rec.toString(), "--model", dir.toString(), "--dry-run", "--bootstrap", "127.0.0.1:1");

        assertThat(code).as("%s", err).isZero();
        assertThat(out.toString()).contains("teach-in of camera cam-1 (application tessera-inspect)")
                .contains("model        test-brightness 1").contains("good frames  10").contains("threshold    0.5000")
                .contains("held within [0.5, 0.999]").contains("model's      0.5000").contains("dry run: nothing published")
                .contains("evidence     0 of 10 good frames at or above it: the camera's false-reject rate is 0.0-27.8% (95%);"
                        + " showing 0.5% would take 765 good frames with none rejected");
    }

    @Test
    void forgetNeedsACamera() {
        assertThat(run("--forget", "--bootstrap", "127.0.0.1:1")).isEqualTo(2);
        assertThat(err.toString()).contains("--forget needs --camera");
    }

    @Test
    void aRecordingIsRequiredToTeach() {
        assertThat(run("--camera", "cam-1", "--bootstrap", "127.0.0.1:1")).isEqualTo(2);
        assertThat(err.toString()).contains("--recording is required");
    }

    @Test
    void badRuleOptionsAreNamed() {
        assertThat(run("--recording", "nowhere", "--target-frr", "1.5", "--bootstrap", "127.0.0.1:1")).isEqualTo(2);
        assertThat(err.toString()).contains("--target-frr").contains("false-reject rate");
    }

    @Test
    void anUnreadableRecordingIsNamed() {
        assertThat(run("--recording", "no-such-recording", "--bootstrap", "127.0.0.1:1")).isEqualTo(2);
        assertThat(err.toString()).contains("--recording no-such-recording");
    }
}

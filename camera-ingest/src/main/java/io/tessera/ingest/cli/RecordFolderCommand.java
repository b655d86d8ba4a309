package io.tessera.ingest.cli;

import io.tessera.ingest.recording.LabeledFolderRecording;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tessera record-folder}: a recording with ground truth from a folder of labelled images, no broker needed. */
@Command(name = "record-folder", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Writes a recording (the format of 'record') from a folder of labelled images: ok/ holds good parts, every other"
                    + " subfolder (e.g. pitting/) defective ones; masks/ and files that are not JPEG, PNG or BMP are left out."
                    + " Each image becomes one frame, its bytes as they are, with ground truth (tessera.truth) in its headers.",
            "Good images come first, then each defect folder, files in name order, capture times 100 ms apart from a fixed"
                    + " start: the same folder always gives the same frames. For 'model compare' and 'replay'."
        },
        footer = {"", "Example: tessera record-folder --data samples/bsdata --out rec1"})
public final class RecordFolderCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "FOLDER", required = true, description = "Folder with ok/ and defect subfolders, e.g. samples/bsdata.")
    Path data;

    @Option(names = "--out", paramLabel = "FOLDER", required = true, description = "New recording folder (must not exist or be empty).")
    Path out;

    @Option(names = "--camera", paramLabel = "ID", description = "Camera id, the frames' key (default: ${DEFAULT-VALUE}).", defaultValue = "cam-1")
    String camera;

    @Option(names = "--line", paramLabel = "ID", description = "Line id of the frames (default: ${DEFAULT-VALUE}).", defaultValue = "line-1")
    String line;

    @Override
    public Integer call() {
        LabeledFolderRecording maker = new LabeledFolderRecording(camera, line, LabeledFolderRecording.DEFAULT.start(),
                LabeledFolderRecording.DEFAULT.spacingMillis());
        int frames;
        try {
            frames = maker.write(data, out);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        spec.commandLine().getOut().printf("recorded %d frames of %s into %s%n", frames, data, out);
        return 0;
    }
}

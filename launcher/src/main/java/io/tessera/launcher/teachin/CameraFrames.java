package io.tessera.launcher.teachin;

import io.tessera.ingest.CapturedFrame;
import io.tessera.ingest.recording.ManifestEntry;
import io.tessera.ingest.recording.RecordingReader;
import io.tessera.protocol.FrameMetadata;
import io.tessera.protocol.GroundTruth;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The frames of one camera in a recording of known-good parts, in recording order.
 *
 * @param cameraId the camera, the frames' record key
 */
public record CameraFrames(String cameraId, List<CapturedFrame> frames) {

    public CameraFrames {
        frames = List.copyOf(frames);
    }

    /**
     * The frames of {@code camera} in {@code recording}; with {@code camera} null, of the one camera
     * the recording holds.
     *
     * @throws IllegalArgumentException naming the option to give or the frame at fault: several cameras
     *     and no camera given, a camera the recording lacks, a frame whose ground truth is DEFECT
     */
    public static CameraFrames of(RecordingReader recording, String camera) throws IOException {
        TreeSet<String> cameras = new TreeSet<>();
        for (ManifestEntry e : recording.entries()) {
            if (e.key() != null) {
                cameras.add(e.key());
            }
        }
        if (cameras.isEmpty()) {
            throw new IllegalArgumentException("--recording " + recording.dir() + " holds no frame with a camera id (record key)");
        }
        String chosen = camera;
        if (chosen == null) {
            if (cameras.size() > 1) {
                throw new IllegalArgumentException("--recording " + recording.dir() + " holds frames of " + cameras.size()
                        + " cameras " + cameras + ": say which one to teach with --camera");
            }
            chosen = cameras.first();
        } else if (!cameras.contains(chosen)) {
            throw new IllegalArgumentException("--camera " + chosen + ": --recording " + recording.dir()
                    + " has no frame of it; its cameras are " + cameras);
        }
        List<CapturedFrame> frames = new ArrayList<>();
        for (int i = 0; i < recording.size(); i++) {
            if (!Objects.equals(recording.entries().get(i).key(), chosen)) {
                continue;
            }
            CapturedFrame frame = recording.read(i).frame();
            FrameMetadata meta = frame.metadata();
            if (meta.groundTruth() == GroundTruth.DEFECT) {
                throw new IllegalArgumentException("frame " + i + " of --recording " + recording.dir() + " (camera " + chosen
                        + ", seq " + meta.sequence() + ") is labelled DEFECT (tessera.truth): teach-in learns from known-good"
                        + " parts only; record good parts only");
            }
            frames.add(frame);
        }
        return new CameraFrames(chosen, frames);
    }
}

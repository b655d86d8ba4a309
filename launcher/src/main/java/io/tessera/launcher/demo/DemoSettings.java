package io.tessera.launcher.demo;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What a demo run is asked for.
 *
 * @param bootstrap   an existing cluster; null starts a local broker
 * @param lines       production lines simulated
 * @param cameras     cameras per line
 * @param fps         frames per second per camera; null: fitted to the model's measured capacity ({@link DemoRate})
 * @param duration    how long to run; null until stopped
 * @param modelDir    the model folder
 * @param precision   auto, fp32, bf16 or fp16
 * @param bindAddress the dashboard's address
 * @param port        the dashboard's port; 0 picks a free one
 * @param topicPrefix prefix of the topic names
 * @param defectRate  share of simulated frames that show a defect
 * @param gate        also run a reject gate per line with a simulated PLC
 */
record DemoSettings(String bootstrap, int lines, int cameras, Double fps, Duration duration, Path modelDir,
                    String precision, String bindAddress, int port, String topicPrefix, double defectRate, boolean gate) {
    DemoSettings {
        if (lines < 1 || cameras < 1) {
            throw new IllegalArgumentException("--lines and --cameras must be at least 1");
        }
        if (fps != null && !(fps > 0 && fps <= 60)) {
            throw new IllegalArgumentException("--fps must be within (0, 60], got " + fps);
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("--duration must be positive");
        }
        if (gate && cameras != 1) {
            throw new IllegalArgumentException("--gate needs --cameras 1: a simulated PLC tells a line's parts apart by frame"
                    + " sequence, which counts per camera");
        }
        if (!(defectRate >= 0 && defectRate <= 1)) {
            throw new IllegalArgumentException("--defect-rate must be within [0, 1], got " + defectRate);
        }
    }
}

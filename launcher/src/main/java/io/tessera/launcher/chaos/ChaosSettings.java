package io.tessera.launcher.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What a chaos run is asked for; checked on construction, errors name the flag.
 *
 * @param bootstrap      an existing cluster; null starts a local broker
 * @param dataDir        the local broker's data folder; null: one under the work folder
 * @param workDir        where instance logs (and the broker's data) go; null: a temporary folder
 * @param instances      inspect instances (separate JVMs) in one consumer group
 * @param threads        stream threads per instance
 * @param partitions     partitions of the topics
 * @param cameras        simulated 2K cameras, all on one line
 * @param fps            frames per second per camera
 * @param duration       how long the cameras send
 * @param kills          SIGKILLs of a random instance, each restarted
 * @param brokerRestarts stops and starts of the local broker
 * @param brokerDown     how long the broker stays down at each restart
 * @param badFrameRounds rounds of bad frames, one of each kind per round
 * @param seed           seed of the schedule and of the simulated cameras
 * @param drainTimeout   how long the app may take to catch up after the cameras stop
 * @param modelDir       the model folder
 * @param maxFrameBytes  the instances' frames.max-bytes (a too-large bad frame is one byte more)
 * @param appSettings    extra settings for the instances (--set)
 */
public record ChaosSettings(String bootstrap, Path dataDir, Path workDir, int instances, int threads, int partitions,
                            int cameras, double fps, Duration duration, int kills, int brokerRestarts, Duration brokerDown,
                            int badFrameRounds, long seed, Duration drainTimeout, Path modelDir, int maxFrameBytes,
                            Map<String, String> appSettings) {

    /** No fault in the first stretch: the instances have joined, the cameras run, verdicts flow. */
    public static final Duration WARM_UP = Duration.ofSeconds(15);
    /** No fault in the last stretch, so the last recovery happens while frames still come. */
    public static final Duration TAIL = Duration.ofSeconds(20);

    public ChaosSettings {
        if (instances < 1 || instances > 8) {
            throw new IllegalArgumentException("--instances must be 1 to 8, got " + instances);
        }
        if (threads < 1 || threads > 8) {
            throw new IllegalArgumentException("--threads must be 1 to 8, got " + threads);
        }
        if (partitions < 1 || partitions > 64) {
            throw new IllegalArgumentException("--partitions must be 1 to 64, got " + partitions);
        }
        if (cameras < 1 || cameras > 16) {
            throw new IllegalArgumentException("--cameras must be 1 to 16, got " + cameras);
        }
        if (!(fps > 0 && fps <= 30)) {
            throw new IllegalArgumentException("--fps must be within (0, 30], got " + fps);
        }
        if (duration == null || duration.compareTo(WARM_UP.plus(TAIL)) <= 0) {
            throw new IllegalArgumentException("--duration must be longer than " + WARM_UP.plus(TAIL).toSeconds() + "s");
        }
        if (kills < 0) {
            throw new IllegalArgumentException("--kills must be >= 0, got " + kills);
        }
        if (brokerRestarts < 0) {
            throw new IllegalArgumentException("--broker-restarts must be >= 0, got " + brokerRestarts);
        }
        if (brokerRestarts > 0 && bootstrap != null) {
            throw new IllegalArgumentException("--broker-restarts needs the local broker; it cannot restart a --bootstrap cluster");
        }
        if (brokerDown == null || brokerDown.isNegative()) {
            throw new IllegalArgumentException("--broker-down must be >= 0");
        }
        if (badFrameRounds < 0) {
            throw new IllegalArgumentException("--bad-frames must be >= 0, got " + badFrameRounds);
        }
        if (drainTimeout == null || drainTimeout.isNegative() || drainTimeout.isZero()) {
            throw new IllegalArgumentException("--drain-timeout must be positive");
        }
        if (dataDir != null && bootstrap != null) {
            throw new IllegalArgumentException("--data-dir is for the local broker; not with --bootstrap");
        }
        appSettings = Map.copyOf(appSettings);
    }
}

package io.tessera.launcher.chaos;

import java.time.Duration;

/** One thing a chaos run does on purpose, at a time from the start of the cameras. */
public sealed interface ChaosEvent {

    /** When, from the start of the cameras. */
    Duration at();

    /** SIGKILL of one inspect instance (index from 0), restarted at once. */
    record Kill(Duration at, int instance) implements ChaosEvent {
    }

    /** The local broker stopped, left down a while, and started again on the same data and port. */
    record BrokerRestart(Duration at) implements ChaosEvent {
    }

    /** A bad frame of this kind sent into the first camera's stream. */
    record InjectBadFrame(Duration at, BadFrameKind kind) implements ChaosEvent {
    }
}

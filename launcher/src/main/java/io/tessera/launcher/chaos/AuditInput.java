package io.tessera.launcher.chaos;

import io.tessera.protocol.Decision;
import java.util.List;
import java.util.Map;

/**
 * What the auditor reads from the topics, reduced to what it checks. A frame's identity is
 * {@code <camera>#<sequence>} for a camera's frame, or its marker id for an injected bad frame.
 *
 * @param frames      every record of the frames topic
 * @param verdicts    every committed verdict
 * @param alerts      every committed alert
 * @param deadLetters every committed dead letter
 * @param firstSeenMs when a read_committed consumer first saw an output of each identity (epoch ms)
 * @param faults      when each fault happened, for attributing stalls
 */
public record AuditInput(List<SentFrame> frames, List<Output> verdicts, List<Output> alerts, List<DeadLetter> deadLetters,
                         Map<String, Long> firstSeenMs, List<FaultMark> faults) {

    public AuditInput {
        frames = List.copyOf(frames);
        verdicts = List.copyOf(verdicts);
        alerts = List.copyOf(alerts);
        deadLetters = List.copyOf(deadLetters);
        firstSeenMs = Map.copyOf(firstSeenMs);
        faults = List.copyOf(faults);
    }

    /** The identity of a camera's frame. */
    public static String identity(String camera, long sequence) {
        return camera + "#" + sequence;
    }

    /**
     * A record of the frames topic.
     *
     * @param badFrame    the injected kind, null for a camera's frame
     * @param availableMs its record timestamp (epoch ms)
     */
    public record SentFrame(String identity, BadFrameKind badFrame, int partition, long availableMs) {
    }

    /** A verdict or an alert: whose, and its decision. */
    public record Output(String identity, Decision decision) {
    }

    /** A dead letter: whose, and the reason the app gave. */
    public record DeadLetter(String identity, String reason) {
    }

    /** A fault and when it happened (epoch ms). */
    public record FaultMark(long atMs, String kind) {
        public static final String KILL = "kill";
        public static final String BROKER_RESTART = "broker-restart";
    }
}

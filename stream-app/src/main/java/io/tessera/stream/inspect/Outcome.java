package io.tessera.stream.inspect;

import io.tessera.protocol.Verdict;

/** What became of a frame: a verdict, or a dead letter with its reason. */
public sealed interface Outcome {

    /** The frame was inspected (or was late, or the model failed): it gets this verdict. */
    record Decided(Verdict verdict) implements Outcome {
    }

    /** The frame is not a valid frame: it goes to the dead-letter topic as it came. */
    record Rejected(String reason, String detail) implements Outcome {
    }
}

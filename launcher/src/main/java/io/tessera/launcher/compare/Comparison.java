package io.tessera.launcher.compare;

import io.tessera.protocol.Decision;
import java.nio.file.Path;
import java.util.List;

/**
 * Two models' judgements of every frame of a recording, and what follows from them: agreement,
 * flips each way, frames whose defect tiles moved, and each model's figures.
 *
 * @param recording the recording replayed
 * @param a         the baseline
 * @param b         the candidate
 * @param frames    every frame in recording order
 */
public record Comparison(Path recording, ModelSide a, ModelSide b, List<FramePair> frames) {
    public Comparison {
        frames = List.copyOf(frames);
    }

    /** Frames both models decided OK or DEFECT: what agreement and flips are counted over. */
    public List<FramePair> decidedByBoth() {
        return frames.stream().filter(FramePair::decidedByBoth).toList();
    }

    public long agreements() {
        return decidedByBoth().stream().filter(f -> FramePair.decision(f.a()) == FramePair.decision(f.b())).count();
    }

    /** Agreements over frames decided by both; NaN when there is none. */
    public double agreementRate() {
        int n = decidedByBoth().size();
        return n == 0 ? Double.NaN : (double) agreements() / n;
    }

    /** A said OK, B says DEFECT: parts the candidate would newly reject. */
    public List<Flip> flipsToDefect() {
        return flips(Decision.OK, Decision.DEFECT);
    }

    /** A said DEFECT, B says OK: parts the candidate would newly pass. */
    public List<Flip> flipsToOk() {
        return flips(Decision.DEFECT, Decision.OK);
    }

    public int flipCount() {
        return flipsToDefect().size() + flipsToOk().size();
    }

    /** Both said DEFECT but flagged other tiles. */
    public List<Flip> tileChanges() {
        return decidedByBoth().stream()
                .filter(f -> FramePair.decision(f.a()) == Decision.DEFECT && FramePair.decision(f.b()) == Decision.DEFECT)
                .map(Flip::of).filter(f -> !f.onlyA().isEmpty() || !f.onlyB().isEmpty()).toList();
    }

    /**
     * Frames not decided by both whose outcomes still differ: UNKNOWN on one side only, or a
     * frame one side dead-lettered and the other did not (tiling or frame limits differ).
     */
    public List<FramePair> otherDifferences() {
        return frames.stream().filter(f -> !f.decidedByBoth() && !sameKind(f)).toList();
    }

    /** Frames both dead-lettered (not inspectable by either: broken wire format). */
    public List<FramePair> deadLetteredByBoth() {
        return frames.stream().filter(f -> FramePair.verdict(f.a()) == null && FramePair.verdict(f.b()) == null).toList();
    }

    public ModelFigures figuresA() {
        return ModelFigures.of(frames, FramePair::a, a.threshold());
    }

    public ModelFigures figuresB() {
        return ModelFigures.of(frames, FramePair::b, b.threshold());
    }

    private static boolean sameKind(FramePair f) {
        // Both dead-lettered, or both UNKNOWN: nothing that tells the models apart.
        if (FramePair.verdict(f.a()) == null && FramePair.verdict(f.b()) == null) {
            return true;
        }
        return FramePair.decision(f.a()) == Decision.UNKNOWN && FramePair.decision(f.b()) == Decision.UNKNOWN;
    }

    private List<Flip> flips(Decision from, Decision to) {
        return decidedByBoth().stream()
                .filter(f -> FramePair.decision(f.a()) == from && FramePair.decision(f.b()) == to)
                .map(Flip::of).toList();
    }
}

package io.tessera.stream.inspect;

import io.tessera.protocol.Decision;
import io.tessera.protocol.DefectTile;
import io.tessera.protocol.FrameMetadata;
import io.tessera.protocol.ModelRef;
import io.tessera.protocol.StageLatency;
import io.tessera.protocol.ThresholdSource;
import io.tessera.protocol.Verdict;
import io.tessera.vision.FrameScore;
import io.tessera.vision.ScoredTile;
import java.time.Instant;
import java.util.List;

/** Turns a frame's score into its verdict; one place decides what DEFECT, OK and UNKNOWN mean. */
public final class VerdictFactory {
    private final ModelRef model;
    private final double threshold;
    private final ThresholdSource source;

    /** Decides at the model's own threshold (its card's or its deployment's). */
    public VerdictFactory(ModelRef model, double threshold) {
        this(model, threshold, ThresholdSource.MODEL);
    }

    /** @param source where {@code threshold} came from; verdicts say it */
    public VerdictFactory(ModelRef model, double threshold, ThresholdSource source) {
        this.model = model;
        this.threshold = threshold;
        this.source = source;
    }

    /** The same model's verdicts, decided at another threshold. */
    public VerdictFactory at(double otherThreshold, ThresholdSource otherSource) {
        return new VerdictFactory(model, otherThreshold, otherSource);
    }

    public double threshold() {
        return threshold;
    }

    public ThresholdSource source() {
        return source;
    }

    public ModelRef model() {
        return model;
    }

    /** DEFECT when any tile reached the threshold, else OK; confidence is the score or its complement. */
    public Verdict decided(FrameMetadata meta, FrameScore score, Instant decidedAt, StageLatency latency) {
        Decision decision = score.isDefect() ? Decision.DEFECT : Decision.OK;
        double confidence = decision == Decision.DEFECT ? score.score() : 1.0 - score.score();
        return new Verdict(meta.cameraId(), meta.lineId(), meta.sequence(), meta.partId(), meta.captureTime(), decision,
                null, clamp(confidence), clamp(score.score()), threshold, source, score.tileCount(), tiles(score.defectTiles()),
                model, decidedAt, latency, meta.groundTruth());
    }

    /**
     * UNKNOWN with a reason. A reject gate rejects such a part. When the tiles were scored after
     * all (a frame decided past its budget) the score and defect tiles are kept for the record.
     *
     * @param score null when the frame was never scored
     */
    public Verdict unknown(FrameMetadata meta, String reason, FrameScore score, int tileCount, Instant decidedAt,
            StageLatency latency) {
        return new Verdict(meta.cameraId(), meta.lineId(), meta.sequence(), meta.partId(), meta.captureTime(),
                Decision.UNKNOWN, reason, 0.0, score == null ? 0.0 : clamp(score.score()), threshold, source, tileCount,
                score == null ? List.of() : tiles(score.defectTiles()), model, decidedAt, latency, meta.groundTruth());
    }

    private static List<DefectTile> tiles(List<ScoredTile> scored) {
        return scored.stream()
                .map(t -> new DefectTile(t.box().x(), t.box().y(), t.box().width(), t.box().height(), clamp(t.score())))
                .toList();
    }

    private static double clamp(double v) {
        return Math.max(0.0, Math.min(1.0, v));
    }
}

package io.tessera.launcher.teachin;

import io.tessera.ingest.CapturedFrame;
import io.tessera.model.ModelCard;
import io.tessera.model.eval.TeachInThreshold;
import io.tessera.protocol.CameraThreshold;
import io.tessera.protocol.Decision;
import io.tessera.protocol.ModelRef;
import io.tessera.protocol.Verdict;
import io.tessera.stream.inspect.FrameInspection;
import io.tessera.stream.inspect.Outcome;
import java.time.Clock;
import java.util.Arrays;
import java.util.function.IntConsumer;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Scores a camera's known-good frames exactly as the inspect app scores them (its validation,
 * decoding, tiling settings and model serving: {@code stream-app}'s offline inspection) and fits the
 * camera's threshold to their scores.
 */
public final class TeachIn {
    private final TeachInThreshold rule;
    private final Clock clock;

    /** @param clock stamps {@link CameraThreshold#calibratedAt()} */
    public TeachIn(TeachInThreshold rule, Clock clock) {
        this.rule = rule;
        this.clock = clock;
    }

    /** What teach-in found: the record to publish, the good frames' scores (sorted) and the rule's result. */
    public record Taught(CameraThreshold threshold, double[] scores, TeachInThreshold.Result fit) {
        public double median() {
            int n = scores.length;
            return n % 2 == 1 ? scores[n / 2] : (scores[n / 2 - 1] + scores[n / 2]) / 2;
        }
    }

    /**
     * @param recording where the frames came from, as the record names it
     * @param progress  told the number of frames scored after each one
     * @throws IllegalArgumentException when too few frames are given or one does not decode
     */
    public Taught run(CameraFrames frames, FrameInspection inspection, ModelCard card, String recording,
            IntConsumer progress) throws InterruptedException {
        if (frames.frames().size() < rule.minimumGoodImages()) {
            throw new IllegalArgumentException("camera " + frames.cameraId() + " has " + frames.frames().size()
                    + " frames in the recording; teach-in needs at least " + rule.minimumGoodImages()
                    + " (--min-frames): record more known-good parts at this station");
        }
        double[] scores = new double[frames.frames().size()];
        for (int i = 0; i < scores.length; i++) {
            CapturedFrame frame = frames.frames().get(i);
            scores[i] = score(inspection.inspect(frame.key(), new RecordHeaders(frame.headers()), frame.value()),
                    "frame " + i + " of camera " + frames.cameraId() + " (seq " + frame.metadata().sequence() + ")");
            progress.accept(i + 1);
        }
        TeachInThreshold.Result fit = rule.fit(scores);
        Arrays.sort(scores);
        ModelRef model = new ModelRef(card.name(), card.version());
        CameraThreshold record = new CameraThreshold(frames.cameraId(), model, fit.threshold(), rule.targetFalseRejectRate(),
                fit.goodImages(), scores[scores.length - 1], recording, clock.instant());
        return new Taught(record, scores, fit);
    }

    /** A frame's score, or why it has none: teach-in needs every good frame decided. */
    private static double score(Outcome outcome, String frame) {
        if (outcome instanceof Outcome.Rejected r) {
            throw new IllegalArgumentException(frame + " is not inspectable (" + r.reason() + "): " + r.detail());
        }
        Verdict v = ((Outcome.Decided) outcome).verdict();
        if (v.decision() == Decision.UNKNOWN) {
            throw new IllegalStateException(frame + " was not decided (" + v.reason() + ")");
        }
        return v.defectScore();
    }
}

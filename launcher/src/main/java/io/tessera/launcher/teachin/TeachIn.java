package io.tessera.launcher.teachin;

import io.tessera.ingest.CapturedFrame;
import io.tessera.model.TileClassifier;
import io.tessera.model.eval.TeachInThreshold;
import io.tessera.protocol.CameraThreshold;
import io.tessera.protocol.ModelRef;
import java.time.Clock;
import java.util.Arrays;
import java.util.function.IntConsumer;

/** Scores a camera's known-good frames with the model that serves and fits the camera's threshold to them. */
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
    public Taught run(CameraFrames frames, TileClassifier classifier, String recording, IntConsumer progress) {
        if (frames.frames().size() < rule.minimumGoodImages()) {
            throw new IllegalArgumentException("camera " + frames.cameraId() + " has " + frames.frames().size()
                    + " frames in the recording; teach-in needs at least " + rule.minimumGoodImages()
                    + " (--min-frames): record more known-good parts at this station");
        }
        FrameScorer scorer = new FrameScorer(classifier);
        double[] scores = new double[frames.frames().size()];
        for (int i = 0; i < scores.length; i++) {
            CapturedFrame frame = frames.frames().get(i);
            try {
                scores[i] = scorer.score(frame);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("frame " + i + " of camera " + frames.cameraId() + " (seq "
                        + frame.metadata().sequence() + "): " + e.getMessage(), e);
            }
            progress.accept(i + 1);
        }
        TeachInThreshold.Result fit = rule.fit(scores);
        Arrays.sort(scores);
        ModelRef model = new ModelRef(classifier.card().name(), classifier.card().version());
        CameraThreshold record = new CameraThreshold(frames.cameraId(), model, fit.threshold(), rule.targetFalseRejectRate(),
                fit.goodImages(), scores[scores.length - 1], recording, clock.instant());
        return new Taught(record, scores, fit);
    }
}

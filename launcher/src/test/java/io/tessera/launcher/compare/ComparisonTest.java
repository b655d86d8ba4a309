package io.tessera.launcher.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.ingest.recording.RecordingReader;
import io.tessera.protocol.DefectTile;
import io.tessera.stream.app.OfflineInspection;
import io.tessera.stream.config.ConfigLoader;
import io.tessera.testing.BrightnessClassifier;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The comparison logic over the inspect app's real frame path, with a deterministic stand-in model. */
class ComparisonTest {
    @TempDir
    Path tmp;

    private Comparison compare(boolean withTruth, String thresholdA, String thresholdB) throws Exception {
        Path rec = FakeRecording.write(tmp.resolve("rec-" + withTruth + thresholdA + thresholdB), withTruth);
        try (OfflineInspection a = start(thresholdA);
             OfflineInspection b = start(thresholdB)) {
            List<FramePair> frames = new RecordingComparer(a, b).replay(RecordingReader.open(rec), RecordingComparer.Progress.NONE);
            return new Comparison(rec, side("A", a), side("B", b), frames);
        }
    }

    private static OfflineInspection start(String threshold) throws InterruptedException {
        return OfflineInspection.start(ConfigLoader.withOverrides(Map.of("model.threshold", threshold)),
                request -> BrightnessClassifier.standard(), Clock.systemUTC());
    }

    private static ModelSide side(String role, OfflineInspection i) {
        return new ModelSide(role, Path.of("fake"), i.card().name(), i.card().version(), i.threshold(), "fp32");
    }

    @Test
    void aLowerThresholdFlipsTheFramesBetweenTheTwoThresholdsToDefect() throws Exception {
        Comparison c = compare(true, "0.5", "0.25");

        assertThat(c.frames()).hasSize(6);
        assertThat(c.decidedByBoth()).hasSize(5);
        assertThat(c.agreements()).isEqualTo(3);
        assertThat(c.agreementRate()).isEqualTo(0.6);
        assertThat(c.flipsToDefect()).extracting(f -> f.b().sequence()).containsExactly(1L, 3L);
        assertThat(c.flipsToOk()).isEmpty();
        Flip first = c.flipsToDefect().get(0);
        assertThat(first.onlyA()).isEmpty();
        assertThat(first.onlyB()).extracting(DefectTile::x, DefectTile::y, DefectTile::width)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, 0, 64));
        assertThat(first.onlyB().get(0).score()).isBetween(0.25, 0.5);
        assertThat(c.tileChanges()).isEmpty();
        assertThat(c.deadLetteredByBoth()).extracting(FramePair::index).containsExactly(4L);
        assertThat(c.otherDifferences()).isEmpty();
    }

    @Test
    void eachModelsFiguresComeFromItsOwnDecisionsOnFramesWithGroundTruth() throws Exception {
        Comparison c = compare(true, "0.5", "0.25");

        ModelFigures a = c.figuresA();
        assertThat(a.ok()).isEqualTo(4);
        assertThat(a.defect()).isEqualTo(1);
        assertThat(a.deadLettered()).isEqualTo(1);
        assertThat(a.evaluation().goodImages()).isEqualTo(2); // seq 0, 1 (4 dead-lettered, 5 has no truth)
        assertThat(a.evaluation().falseRejects().successes()).isZero();
        assertThat(a.evaluation().escapes().successes()).isEqualTo(1); // seq 3
        ModelFigures b = c.figuresB();
        assertThat(b.evaluation().falseRejects().successes()).isEqualTo(1); // seq 1
        assertThat(b.evaluation().escapeRate()).isZero();
        assertThat(b.evaluation().auc()).isEqualTo(a.evaluation().auc()); // same scores, other threshold
    }

    @Test
    void rulesAreCheckedOnTheCandidate() throws Exception {
        Comparison c = compare(true, "0.5", "0.25");

        List<RuleResult> results = Requirement.parseAll("escape<=0.05,frr<=0.01,flips<=1,flips-to-ok<=0,escape-change<=-0.5,"
                + "agreement>=60%").stream().map(r -> r.check(c)).toList();

        assertThat(results).extracting(RuleResult::passed).containsExactly(true, false, false, true, true, true);
        assertThat(results).extracting(RuleResult::value).containsExactly(0.0, 0.5, 2.0, 0.0, -0.5, 0.6);
    }

    @Test
    void aHigherThresholdFlipsDefectsToOk() throws Exception {
        Comparison c = compare(true, "0.25", "0.5");

        assertThat(c.flipsToOk()).extracting(f -> f.a().sequence()).containsExactly(1L, 3L);
        assertThat(c.flipsToOk().get(1).onlyA()).extracting(DefectTile::x, DefectTile::y)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(128, 64));
        assertThat(c.flipsToDefect()).isEmpty();
        assertThat(Requirement.parse("escape<=0.05").check(c).passed()).isFalse();
    }

    @Test
    void withoutGroundTruthTheFiguresAreAbsentAndRulesOnThemFail() throws Exception {
        Comparison c = compare(false, "0.5", "0.25");

        assertThat(c.figuresA().hasGroundTruth()).isFalse();
        assertThat(c.flipsToDefect()).hasSize(2);
        RuleResult escape = Requirement.parse("escape<=0.05").check(c);
        assertThat(escape.passed()).isFalse();
        assertThat(escape.value()).isNaN();
        assertThat(escape.why()).contains("n/a").contains("ground truth");
        assertThat(Requirement.parse("flips<=2").check(c).passed()).isTrue();
        assertThat(TextReport.of(c, List.of(escape))).contains("false-reject rate   n/a").contains("FAIL  escape<=0.05");
    }
}

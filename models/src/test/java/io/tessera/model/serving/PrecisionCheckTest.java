package io.tessera.model.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.model.serving.FakeClassifiers.Fake;
import java.util.concurrent.atomic.AtomicLong;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class PrecisionCheckTest {
    private static final long FP32_NANOS_PER_TILE = 10_000_000;

    private final AtomicLong clock = new AtomicLong();
    private final ReferenceTiles reference = FakeClassifiers.reference(
            0.01f, 0.20f, 0.45f, 0.55f, 0.90f, 0.99f, 0.03f, 0.70f, 0.10f, 0.60f);
    private final PrecisionCheck check = new PrecisionCheck(reference, FakeClassifiers.THRESHOLD,
            PrecisionCheck.Settings.forBatchSizes(1, 3, 4), clock::get);

    private double fp32Speed() {
        return check.tilesPerSecond(Fake.exact(reference, clock, FP32_NANOS_PER_TILE));
    }

    @Test
    void measuresTilesPerSecondWithTheInjectedTicker() {
        assertThat(fp32Speed()).isCloseTo(100.0, Assertions.within(1e-6));
    }

    @Test
    void acceptsACandidateThatScoresLikeFp32AndIsTwiceAsFast() {
        double fp32 = fp32Speed();
        Fake bf16 = new Fake(reference, clock, FP32_NANOS_PER_TILE / 2,
                (tile, batch) -> reference.fp32Scores()[tile] + 0.005f);

        CandidateResult r = check.check(Precision.BF16, bf16, fp32);

        assertThat(r.correct()).isTrue();
        assertThat(r.passes()).isTrue();
        assertThat(r.speedup()).isCloseTo(2.0, Assertions.within(1e-6));
        assertThat(r.maxScoreChange()).isCloseTo(0.005, Assertions.within(1e-6));
        assertThat(r.reason(1.3)).isEqualTo("bf16 passed: x2.00 fp32's speed at batch 4, largest score change 0.0050");
    }

    @Test
    void rejectsNonFiniteOutputsNamingTheBatchSize() {
        Fake nan = new Fake(reference, clock, 1, (tile, batch) -> batch == 3 && tile < 3 ? Float.NaN
                : reference.fp32Scores()[tile]);

        CandidateResult r = check.check(Precision.BF16, nan, fp32Speed());

        assertThat(r.passes()).isFalse();
        assertThat(r.reason(1.3)).isEqualTo("bf16 rejected: 3 non-finite outputs at batch 3");
    }

    @Test
    void rejectsAModelOutputExceptionFromTheClassifier() {
        Fake throwing = new Fake(reference, clock, 1, (tile, batch) -> {
            if (batch == 1) {
                throw new ModelOutputException("fake", "bf16", 1, 1, 0, Float.NaN);
            }
            return reference.fp32Scores()[tile];
        });

        CandidateResult r = check.check(Precision.BF16, throwing, fp32Speed());

        assertThat(r.failedCheck()).isEqualTo("1 non-finite or out-of-range outputs at batch 1");
    }

    @Test
    void rejectsAScoreThatMovesMoreThanTheTolerance() {
        Fake drifting = new Fake(reference, clock, 1, (tile, batch) -> tile == 0 ? 0.04f : reference.fp32Scores()[tile]);

        CandidateResult r = check.check(Precision.BF16, drifting, fp32Speed());

        assertThat(r.correct()).isFalse();
        assertThat(r.failedCheck()).startsWith("1 scores moved more than the tolerance from fp32 at batch 1")
                .contains("largest 0.0300", "tile 0");
    }

    @Test
    void rejectsADecisionFlipEvenWithinTheTolerance() {
        // tile 1: 0.495 at fp32, 0.505 at the candidate: within the 0.02 tolerance, but across the 0.5 threshold
        ReferenceTiles nearThreshold = FakeClassifiers.reference(0.1f, 0.495f, 0.9f);
        PrecisionCheck c = new PrecisionCheck(nearThreshold, FakeClassifiers.THRESHOLD,
                PrecisionCheck.Settings.forBatchSizes(1, 3), clock::get);
        Fake flipping = new Fake(nearThreshold, clock, 1, (tile, batch) -> tile == 1 ? 0.505f
                : nearThreshold.fp32Scores()[tile]);

        CandidateResult r = c.check(Precision.BF16, flipping, 1000);

        assertThat(r.correct()).isFalse();
        assertThat(r.failedCheck()).isEqualTo("1 tiles changed decision against fp32 at batch 1");
    }

    @Test
    void aCorrectCandidateThatIsNotClearlyFasterDoesNotPass() {
        double fp32 = fp32Speed();
        Fake slow = Fake.exact(reference, clock, FP32_NANOS_PER_TILE * 9 / 10);

        CandidateResult r = check.check(Precision.BF16, slow, fp32);

        assertThat(r.correct()).isTrue();
        assertThat(r.fastEnough()).isFalse();
        assertThat(r.passes()).isFalse();
        assertThat(r.reason(1.3)).isEqualTo("bf16 rejected: only x1.11 fp32's speed at batch 4 (needs x1.30); outputs correct");
    }

    @Test
    void aModelThatThrowsIsRejectedWithItsMessage() {
        Fake broken = new Fake(reference, clock, 1, (tile, batch) -> {
            throw new IllegalStateException("session exploded");
        });

        CandidateResult r = check.check(Precision.BF16, broken, fp32Speed());

        assertThat(r.failedCheck()).isEqualTo("the model failed at batch 1: session exploded");
    }
}

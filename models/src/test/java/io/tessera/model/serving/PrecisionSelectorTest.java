package io.tessera.model.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.model.serving.FakeClassifiers.Fake;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PrecisionSelectorTest {
    private static final long FP32_NANOS = 10_000_000;

    private final AtomicLong clock = new AtomicLong();
    private final ReferenceTiles reference = FakeClassifiers.reference(0.01f, 0.2f, 0.8f, 0.99f, 0.3f);
    private final PrecisionCheck check = new PrecisionCheck(reference, FakeClassifiers.THRESHOLD,
            PrecisionCheck.Settings.forBatchSizes(1, 2, 5), clock::get);
    private final List<String> log = new ArrayList<>();

    private PrecisionSelector selector(Fake candidate) {
        return new PrecisionSelector(check, p -> candidate, log::add);
    }

    /**
     * NaN for tiles 0 and 1 at batch 2 only. Tile 0 comes round again in the wrapped last batch
     * (tiles 4, 0): it still counts once, so the check reports 2 outputs, not 3.
     */
    private Fake nanAtBatch2() {
        return new Fake(reference, clock, FP32_NANOS / 3, (tile, batch) -> batch == 2 && tile < 2 ? Float.NaN
                : reference.fp32Scores()[tile]);
    }

    @Test
    void autoServesAPassingCandidateAndClosesFp32() {
        Fake fp32 = Fake.exact(reference, clock, FP32_NANOS);
        Fake bf16 = Fake.exact(reference, clock, FP32_NANOS / 2);

        PrecisionSelector.Selection s = selector(bf16).auto(fp32, List.of(Precision.BF16), "unused");

        assertThat(s.classifier()).isSameAs(bf16);
        assertThat(s.choice().chosen()).isEqualTo(Precision.BF16);
        assertThat(s.choice().reason()).startsWith("bf16 (auto): bf16 passed: x2.00");
        assertThat(fp32.closed).isTrue();
        assertThat(bf16.closed).isFalse();
    }

    @Test
    void autoFallsBackToFp32WhenTheCandidateGivesNaN() {
        Fake fp32 = Fake.exact(reference, clock, FP32_NANOS);
        Fake bf16 = nanAtBatch2();

        PrecisionSelector.Selection s = selector(bf16).auto(fp32, List.of(Precision.BF16), "unused");

        assertThat(s.classifier()).isSameAs(fp32);
        assertThat(s.choice().chosen()).isEqualTo(Precision.FP32);
        assertThat(s.choice().reason()).isEqualTo("fp32 (auto): bf16 rejected: 2 non-finite outputs at batch 2");
        assertThat(s.choice().serving().precision()).isEqualTo("fp32");
        assertThat(bf16.closed).isTrue();
        assertThat(fp32.closed).isFalse();
        assertThat(log).contains("bf16 rejected: 2 non-finite outputs at batch 2");
    }

    @Test
    void aCandidateRejectedForItsOutputsCostsNoTimingOfFp32() {
        AtomicInteger fp32Calls = new AtomicInteger();
        Fake fp32 = new Fake(reference, clock, FP32_NANOS, (tile, batch) -> {
            fp32Calls.incrementAndGet();
            return reference.fp32Scores()[tile];
        });

        selector(nanAtBatch2()).auto(fp32, List.of(Precision.BF16), "unused");

        assertThat(fp32Calls).hasValue(0);
    }

    @Test
    void autoFallsBackToFp32WhenTheCandidateIsNotClearlyFaster() {
        Fake fp32 = Fake.exact(reference, clock, FP32_NANOS);
        Fake bf16 = Fake.exact(reference, clock, FP32_NANOS);

        PrecisionSelector.Selection s = selector(bf16).auto(fp32, List.of(Precision.BF16), "unused");

        assertThat(s.classifier()).isSameAs(fp32);
        assertThat(s.choice().reason()).startsWith("fp32 (auto): bf16 rejected: only x1.00");
        assertThat(bf16.closed).isTrue();
    }

    @Test
    void autoFallsBackToFp32WhenTheCandidateDoesNotLoad() {
        Fake fp32 = Fake.exact(reference, clock, FP32_NANOS);
        PrecisionSelector s = new PrecisionSelector(check, p -> {
            throw new IllegalArgumentException("no such rewrite");
        }, log::add);

        assertThat(s.auto(fp32, List.of(Precision.FP16), "unused").choice().reason())
                .isEqualTo("fp32 (auto): fp16 rejected: it does not load: no such rewrite");
    }

    @Test
    void autoWithoutCandidatesGivesTheReason() {
        Fake fp32 = Fake.exact(reference, clock, FP32_NANOS);
        CpuFeatures zen3 = new CpuFeatures("AMD EPYC", Set.of("avx2", "fma"));

        PrecisionSelector.Selection s = selector(null).auto(fp32, PrecisionSelector.candidates(false, zen3),
                PrecisionSelector.noCandidateReason(zen3));

        assertThat(s.choice().reason()).isEqualTo("fp32 (auto): bf16 not tried: AMD EPYC has no bf16 units"
                + " (avx512_bf16 or amx_bf16)");
        assertThat(PrecisionSelector.candidates(false, new CpuFeatures("x", Set.of("avx512_bf16"))))
                .containsExactly(Precision.BF16);
        assertThat(PrecisionSelector.candidates(true, zen3)).containsExactly(Precision.FP16);
    }

    @Test
    void anExplicitPrecisionWithBadOutputsRefusesToStart() {
        Fake fp32 = Fake.exact(reference, clock, FP32_NANOS);
        Fake bf16 = nanAtBatch2();

        assertThatThrownBy(() -> selector(bf16).explicit(fp32, Precision.BF16))
                .isInstanceOf(PrecisionRejectedException.class)
                .hasMessageStartingWith("bf16 fails the precision self-check: 2 non-finite outputs at batch 2");
        assertThat(bf16.closed).isTrue();
        assertThat(fp32.closed).isTrue();
    }

    @Test
    void anExplicitPrecisionThatIsOnlySlowServesAndSaysSo() {
        Fake fp32 = Fake.exact(reference, clock, FP32_NANOS);
        Fake bf16 = Fake.exact(reference, clock, FP32_NANOS * 2);

        PrecisionSelector.Selection s = selector(bf16).explicit(fp32, Precision.BF16);

        assertThat(s.classifier()).isSameAs(bf16);
        assertThat(s.choice().reason()).startsWith("bf16 (as requested): bf16 rejected: only x0.50");
        assertThat(log).anyMatch(l -> l.startsWith("bf16 serves as requested although it is not clearly faster"));
        assertThat(fp32.closed).isTrue();
    }
}

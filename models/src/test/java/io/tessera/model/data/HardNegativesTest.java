package io.tessera.model.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HardNegativesTest {

    private static HardNegatives.Entry crop(int x, float probability) {
        return new HardNegatives.Entry("ok/a.jpg", x, 0, 256, 256, 256, probability);
    }

    @Test
    void keepsOnlyCropsScoredAtOrAboveTheFloor() {
        HardNegatives pool = new HardNegatives(4, 0.2f);
        pool.offer(crop(0, 0.1f));
        assertThat(pool.isEmpty()).isTrue();
        pool.offer(crop(1, 0.2f));
        assertThat(pool.snapshot()).containsExactly(crop(1, 0.2f));
    }

    @Test
    void aFullPoolReplacesItsEasiestCropWithAHarderOneAndRefusesAnEasierOne() {
        HardNegatives pool = new HardNegatives(2, 0.2f);
        pool.offer(crop(0, 0.9f));
        pool.offer(crop(1, 0.3f));
        pool.offer(crop(2, 0.25f)); // easier than every crop held: refused
        assertThat(pool.snapshot()).extracting(HardNegatives.Entry::x).containsExactly(0, 1);
        pool.offer(crop(3, 0.6f)); // harder than crop 1: replaces it
        assertThat(pool.snapshot()).extracting(HardNegatives.Entry::x).containsExactly(0, 3);
    }

    @Test
    void aCropScoredAgainIsUpdatedAndLeavesOnceTheModelGetsItRight() {
        HardNegatives pool = new HardNegatives(4, 0.2f);
        pool.offer(crop(0, 0.9f));
        pool.offer(crop(0, 0.5f));
        assertThat(pool.snapshot()).containsExactly(crop(0, 0.5f));
        pool.offer(crop(0, 0.05f));
        assertThat(pool.isEmpty()).isTrue();
    }

    @Test
    void aRestoredSnapshotDrawsTheSameCropsForTheSameRandomNumbers() {
        HardNegatives pool = new HardNegatives(8, 0.2f);
        for (int x = 0; x < 6; x++) {
            pool.offer(crop(x, 0.3f + x * 0.1f));
        }
        HardNegatives restored = new HardNegatives(8, 0.2f);
        restored.restore(pool.snapshot());
        SplittableRandom a = new SplittableRandom(3);
        SplittableRandom b = new SplittableRandom(3);
        for (int i = 0; i < 20; i++) {
            assertThat(restored.draw(b)).isEqualTo(pool.draw(a));
        }
    }
}

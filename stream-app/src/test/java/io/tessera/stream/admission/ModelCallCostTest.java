package io.tessera.stream.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The line fitted to model calls: a fixed part per call and a part per tile. */
class ModelCallCostTest {
    private static final double MS = 1e6;

    private static long ms(double millis) {
        return Math.round(millis * MS);
    }

    @Test
    void nothingIsChargedBeforeTheFirstMeasuredCallAndTheFirstCallIsIgnored() {
        ModelCallCost cost = new ModelCallCost(0.2);
        assertThat(cost.nanos(45)).isZero();
        cost.batch(45, 1, Duration.ofSeconds(10).toNanos()); // graph optimisation included
        assertThat(cost.nanos(45)).isZero();
        cost.batch(45, 1, ms(900));
        assertThat(cost.nanos(45)).isCloseTo(900 * MS, within(1.0));
    }

    @Test
    void callsOfOneSizeAloneAreChargedPerTile() {
        ModelCallCost cost = new ModelCallCost(0.2);
        cost.batch(45, 1, 1);
        for (int i = 0; i < 5; i++) {
            cost.batch(45, 1, ms(900));
        }
        assertThat(cost.fixedNanos()).isZero();
        assertThat(cost.nanos(10)).isCloseTo(200 * MS, within(1.0));
    }

    @Test
    void callsOfDifferentSizesFitAFixedPartAndAPartPerTile() {
        ModelCallCost cost = new ModelCallCost(0.2);
        cost.batch(10, 1, 1);
        int[] sizes = {10, 52, 21, 10, 10, 52, 21};
        for (int tiles : sizes) {
            cost.batch(tiles, 1, ms(150 + 12.5 * tiles));
        }
        assertThat(cost.fixedNanos()).isCloseTo(150 * MS, within(1e3));
        assertThat(cost.nanos(52)).isCloseTo(800 * MS, within(1e3));
        assertThat(cost.nanos(3, 60)).isCloseTo((3 * 150 + 60 * 12.5) * MS, within(1e3));
    }

    @Test
    void withoutSpreadInTheCallsNoFixedPartIsGuessed() {
        ModelCallCost cost = new ModelCallCost(1.0); // only the newest call counts: never a spread to fit
        cost.batch(10, 1, 1);
        cost.batch(50, 1, ms(650));
        cost.batch(10, 1, ms(250));
        assertThat(cost.fixedNanos()).isZero();
        assertThat(cost.nanos(50)).isCloseTo(1_250 * MS, within(1e3));
    }

    @Test
    void whenCallsTurnAlikeTheLastShapeIsKeptAndMovedThroughTheirAverage() {
        ModelCallCost cost = new ModelCallCost(0.5);
        cost.batch(10, 1, 1);
        cost.batch(10, 1, ms(250));
        cost.batch(50, 1, ms(650)); // the line 150 ms + 10 ms a tile
        assertThat(cost.fixedNanos()).isCloseTo(150 * MS, within(1e3));
        for (int i = 0; i < 40; i++) {
            cost.batch(10, 1, ms(250)); // only small frames now: the spread fades, the line stays
        }
        assertThat(cost.nanos(50)).isCloseTo(650 * MS, within(1e3));
        for (int i = 0; i < 40; i++) {
            cost.batch(10, 1, ms(500)); // the machine slows to twice the time, seen on small frames alone
        }
        assertThat(cost.nanos(10)).isCloseTo(500 * MS, within(1e3));
        assertThat(cost.nanos(50)).isCloseTo(1_300 * MS, within(1e3));
    }

    @Test
    void aFitWithANegativePartKeepsTheShapeBefore() {
        ModelCallCost cost = new ModelCallCost(0.5);
        cost.batch(10, 1, 1);
        cost.batch(10, 1, ms(250));
        cost.batch(50, 1, ms(650)); // 150 ms + 10 ms a tile
        cost.batch(50, 1, ms(3_000)); // a stall: a line through it would have a negative fixed part
        assertThat(cost.fixedNanos()).isPositive();
        assertThat(cost.nanos(10)).isPositive().isLessThan(cost.nanos(50));
    }

    @Test
    void measurementsAreSmoothed() {
        ModelCallCost smoothed = new ModelCallCost(0.25);
        smoothed.batch(10, 1, 99_999); // first call: ignored
        smoothed.batch(10, 1, 100);
        smoothed.batch(10, 1, 500);
        assertThat(smoothed.nanos(10)).isCloseTo(100 + 0.25 * (500 - 100), within(1e-9));
    }
}

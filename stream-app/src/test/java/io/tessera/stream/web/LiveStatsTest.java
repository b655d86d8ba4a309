package io.tessera.stream.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tessera.protocol.DefectTile;
import io.tessera.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class LiveStatsTest {
    private static final Instant T0 = Instant.parse("2026-11-28T03:00:00Z");

    @Test
    void ratesAndPercentilePerCameraAndLine() {
        ManualClock clock = new ManualClock(T0);
        LiveStats stats = new LiveStats(clock, Duration.ofSeconds(10));
        // 20 frames over 10 s on cam-a: every 4th a defect, latencies 101..120 ms.
        for (int i = 0; i < 20; i++) {
            clock.advance(Duration.ofMillis(500));
            stats.record(i % 4 == 0
                    ? DashboardFixtures.defect("cam-a", "line-1", i, T0, 101 + i, new DefectTile(0, 0, 224, 224, 0.9))
                    : DashboardFixtures.ok("cam-a", "line-1", i, T0, 101 + i));
        }
        stats.record(DashboardFixtures.late("cam-b", "line-1", 0, T0));
        stats.record(DashboardFixtures.ok("cam-c", "line-2", 0, T0, 50));

        StatsSnapshot s = stats.snapshot(cams -> OptionalLong.of(cams.size() * 3L));

        StatsSnapshot.CameraStats a = s.cameras().get(0);
        assertThat(a.cameraId()).isEqualTo("cam-a");
        assertThat(a.framesPerSecond()).isCloseTo(2.0, within(0.11));
        assertThat(a.defectRate()).isCloseTo(0.25, within(0.06));
        assertThat(a.latencyP95Ms()).isEqualTo(119.0);
        assertThat(a.lag()).isEqualTo(3L);
        assertThat(a.verdicts()).isEqualTo(20);
        assertThat(a.defects()).isEqualTo(5);
        assertThat(a.lastSequence()).isEqualTo(19);

        StatsSnapshot.LineStats line1 = s.lines().get(0);
        assertThat(line1.lineId()).isEqualTo("line-1");
        assertThat(line1.cameras()).containsExactly("cam-a", "cam-b");
        assertThat(line1.unknownRate()).isGreaterThan(0);
        assertThat(line1.lag()).isEqualTo(6L);
        assertThat(line1.verdicts()).isEqualTo(21);
        assertThat(s.lines().get(1).lineId()).isEqualTo("line-2");
    }

    @Test
    void samplesLeaveTheWindowButTotalsStay() {
        ManualClock clock = new ManualClock(T0);
        LiveStats stats = new LiveStats(clock, Duration.ofSeconds(10));
        stats.record(DashboardFixtures.defect("cam-a", "line-1", 1, T0, 100, new DefectTile(0, 0, 10, 10, 0.9)));
        clock.advance(Duration.ofSeconds(11));

        StatsSnapshot.CameraStats a = stats.snapshot(c -> OptionalLong.empty()).cameras().get(0);

        assertThat(a.framesPerSecond()).isZero();
        assertThat(a.latencyP95Ms()).isNull();
        assertThat(a.lag()).isNull();
        assertThat(a.verdicts()).isEqualTo(1);
        assertThat(a.defects()).isEqualTo(1);
    }

    @Test
    void madeUpCameraIdsCannotGrowTheViewWithoutBound() {
        // Regression: the per-camera map was never evicted.
        ManualClock clock = new ManualClock(T0);
        LiveStats stats = new LiveStats(clock, Duration.ofSeconds(10));
        stats.record(DashboardFixtures.ok("cam-real", "line-1", 0, T0, 50));
        for (int i = 0; i < 3 * LiveStats.MAX_CAMERAS; i++) {
            clock.advance(Duration.ofMillis(1));
            if (i % 100 == 0) {
                stats.record(DashboardFixtures.ok("cam-real", "line-1", i + 1, T0, 50)); // keeps sending
            }
            stats.record(DashboardFixtures.ok("forged-" + i, "line-x", 0, T0, 50));
        }

        List<StatsSnapshot.CameraStats> cameras = stats.snapshot(c -> OptionalLong.empty()).cameras();

        assertThat(cameras).hasSize(LiveStats.MAX_CAMERAS);
        assertThat(cameras).extracting(StatsSnapshot.CameraStats::cameraId).contains("cam-real", "forged-767")
                .doesNotContain("forged-0");
    }

    @Test
    void aCameraSilentForAnHourLeavesTheView() {
        ManualClock clock = new ManualClock(T0);
        LiveStats stats = new LiveStats(clock, Duration.ofSeconds(10));
        stats.record(DashboardFixtures.ok("cam-gone", "line-1", 0, T0, 50));
        clock.advance(Duration.ofMinutes(30));
        stats.record(DashboardFixtures.ok("cam-live", "line-1", 0, T0, 50));
        assertThat(stats.snapshot(c -> OptionalLong.empty()).cameras()).hasSize(2);

        clock.advance(Duration.ofMinutes(31));

        assertThat(stats.snapshot(c -> OptionalLong.empty()).cameras()).extracting(StatsSnapshot.CameraStats::cameraId)
                .containsExactly("cam-live");
    }

    @Test
    void nearestRankPercentile() {
        assertThat(LiveStats.percentile(new double[] {5, 1, 3, 2, 4}, 0.95)).isEqualTo(5);
        assertThat(LiveStats.percentile(new double[] {7}, 0.95)).isEqualTo(7);
        double[] hundred = new double[100];
        for (int i = 0; i < 100; i++) {
            hundred[i] = i + 1;
        }
        assertThat(LiveStats.percentile(hundred, 0.95)).isEqualTo(95);
        assertThat(List.of(hundred.length)).containsExactly(100);
    }
}

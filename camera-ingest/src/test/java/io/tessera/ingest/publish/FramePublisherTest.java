package io.tessera.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.ingest.CapturedFrame;
import io.tessera.ingest.IngestException;
import io.tessera.testing.ManualClock;
import io.tessera.ingest.TinyFrames;
import io.tessera.ingest.source.FrameSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class FramePublisherTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** Records the manual clock's time at each send; acknowledges at once unless told to fail. */
    static final class RecordingSink implements FrameSink {
        final ManualClock clock;
        final List<Instant> sentAt = new ArrayList<>();
        final List<CapturedFrame> frames = new ArrayList<>();
        Exception failWith;
        int flushes;

        RecordingSink(ManualClock clock) {
            this.clock = clock;
        }

        @Override
        public void send(CapturedFrame frame, Callback callback) {
            sentAt.add(clock.instant());
            frames.add(frame);
            callback.completed(failWith);
        }

        @Override
        public void flush() {
            flushes++;
        }

        @Override
        public String describe() {
            return "test sink";
        }

        @Override
        public void close() {
        }
    }

    /** A source of given frames; {@code onNext} runs before each frame is returned (to spend clock time). */
    static final class ListSource implements FrameSource {
        final ArrayDeque<CapturedFrame> frames;
        final Consumer<Integer> onNext;
        int served;
        boolean stamp;

        ListSource(List<CapturedFrame> frames, Consumer<Integer> onNext) {
            this.frames = new ArrayDeque<>(frames);
            this.onNext = onNext;
        }

        @Override
        public Optional<CapturedFrame> next() {
            if (frames.isEmpty()) {
                return Optional.empty();
            }
            onNext.accept(served++);
            return Optional.of(frames.poll());
        }

        @Override
        public String describe() {
            return "list";
        }

        @Override
        public boolean stampCaptureTime() {
            return stamp;
        }

        @Override
        public void close() {
        }
    }

    private static List<CapturedFrame> frames(int n, Duration spacing) {
        List<CapturedFrame> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(TinyFrames.frame(i, T0.minus(Duration.ofDays(3)).plus(spacing.multipliedBy(i))));
        }
        return out;
    }

    private static FramePublisher publisher(FrameSource source, RecordingSink sink, ManualClock clock, Pace pace, IngestStats stats) {
        return FramePublisher.builder().source(source).sink(sink).pace(pace).clock(clock).waiter(ClockWaiter.advancing(clock)).stats(stats).build();
    }

    @Test
    void staggeredCamerasSpreadTheirFramesEvenlyOverThePeriod() {
        Pace.FixedRate pace = new Pace.FixedRate(2, Duration.ZERO); // a frame every 500 ms
        assertThat(pace.staggered(0, 2).start(T0).due(0, null)).isEqualTo(T0);
        assertThat(pace.staggered(1, 2).start(T0).due(0, null)).isEqualTo(T0.plusMillis(250));
        assertThat(pace.staggered(1, 2).start(T0).due(3, null)).isEqualTo(T0.plusMillis(1_750));
        assertThat(pace.staggered(2, 4).start(T0).due(1, null)).isEqualTo(T0.plusMillis(750));
    }

    @Test
    void fixedRateSchedulesFromTheStartWithoutDrift() {
        ManualClock clock = new ManualClock(T0);
        // each frame costs 7 ms to produce: a sleep-per-frame loop would drift by 7 ms a frame
        ListSource source = new ListSource(frames(31, Duration.ZERO), i -> clock.advance(Duration.ofMillis(7)));
        RecordingSink sink = new RecordingSink(clock);
        IngestStats stats = new IngestStats();
        publisher(source, sink, clock, Pace.fixedRate(30), stats).run();

        assertThat(sink.sentAt).hasSize(31);
        for (int i = 0; i < 31; i++) {
            Instant expected = T0.plusNanos(Math.round(i * 1e9 / 30));
            // frame 0 is produced after the start, so it goes out 7 ms late; the rest exactly on time
            assertThat(sink.sentAt.get(i)).isEqualTo(i == 0 ? T0.plusMillis(7) : expected);
        }
        assertThat(sink.sentAt.get(30)).isEqualTo(T0.plusSeconds(1));
        assertThat(stats.snapshot(0).late()).isZero();
        assertThat(stats.snapshot(0).acked()).isEqualTo(31);
        assertThat(sink.flushes).isEqualTo(1);
    }

    @Test
    void framesThatCannotBeSentInTimeAreCountedLateAndStillSent() {
        ManualClock clock = new ManualClock(T0);
        // frame 5 takes 201 ms to produce, so it goes out 101 ms after its due time
        ListSource source = new ListSource(frames(20, Duration.ZERO),
                i -> clock.advance(Duration.ofMillis(i == 5 ? 201 : 1)));
        RecordingSink sink = new RecordingSink(clock);
        IngestStats stats = new IngestStats();
        publisher(source, sink, clock, Pace.fixedRate(10), stats).run();

        assertThat(sink.frames).hasSize(20);
        IngestSnapshot s = stats.snapshot(0);
        assertThat(s.late()).isEqualTo(1); // tolerance is one period (100 ms): only frame 5 (101 ms late) passes it
        assertThat(s.maxLateness()).isEqualTo(Duration.ofMillis(101));
        // the schedule is not shifted: frame 10 is due (and sent) at 1 s
        assertThat(sink.sentAt.get(10)).isEqualTo(T0.plusSeconds(1));
    }

    @Test
    void replayKeepsTheRecordedSpacingScaledBySpeed() {
        List<Duration> gaps = List.of(Duration.ZERO, Duration.ofMillis(40), Duration.ofMillis(10), Duration.ofMillis(250),
                Duration.ofMillis(33));
        List<CapturedFrame> recorded = new ArrayList<>();
        Instant t = Instant.parse("2025-06-01T10:00:00Z");
        for (int i = 0; i < gaps.size(); i++) {
            t = t.plus(gaps.get(i));
            recorded.add(TinyFrames.frame(i, t));
        }
        for (double speed : new double[] {1, 2, 0.5}) {
            ManualClock clock = new ManualClock(T0);
            RecordingSink sink = new RecordingSink(clock);
            publisher(new ListSource(recorded, i -> { }), sink, clock, Pace.asRecorded(speed), new IngestStats()).run();
            Duration offset = Duration.ZERO;
            for (int i = 0; i < gaps.size(); i++) {
                offset = offset.plus(gaps.get(i));
                assertThat(sink.sentAt.get(i)).as("frame %d at speed %s", i, speed)
                        .isEqualTo(T0.plusNanos(Math.round(offset.toNanos() / speed)));
            }
            // replay does not touch the recorded headers
            assertThat(sink.frames).isEqualTo(recorded);
        }
    }

    @Test
    void replayNeverSchedulesBackwards() {
        Instant base = Instant.parse("2025-06-01T10:00:00Z");
        List<CapturedFrame> recorded = List.of(TinyFrames.frame(0, base), TinyFrames.frame(1, base.plusMillis(100)),
                TinyFrames.frame(2, base.plusMillis(50)), TinyFrames.frame(3, base.plusMillis(150)));
        ManualClock clock = new ManualClock(T0);
        RecordingSink sink = new RecordingSink(clock);
        publisher(new ListSource(recorded, i -> { }), sink, clock, Pace.asRecorded(1), new IngestStats()).run();
        assertThat(sink.sentAt).containsExactly(T0, T0.plusMillis(100), T0.plusMillis(100), T0.plusMillis(150));
    }

    @Test
    void asFastAsPossibleNeverWaits() {
        ManualClock clock = new ManualClock(T0);
        RecordingSink sink = new RecordingSink(clock);
        publisher(new ListSource(frames(10, Duration.ofSeconds(1)), i -> { }), sink, clock, Pace.asFastAsPossible(), new IngestStats()).run();
        assertThat(sink.sentAt).hasSize(10).allMatch(T0::equals);
    }

    @Test
    void durationAndMaxFramesLimitTheRun() {
        ManualClock clock = new ManualClock(T0);
        RecordingSink sink = new RecordingSink(clock);
        FramePublisher.builder().source(new ListSource(frames(100, Duration.ZERO), i -> { })).sink(sink).pace(Pace.fixedRate(10))
                .clock(clock).waiter(ClockWaiter.advancing(clock)).duration(Duration.ofSeconds(2)).build().run();
        assertThat(sink.frames).hasSize(20); // due at 0.0 .. 1.9 s

        ManualClock clock2 = new ManualClock(T0);
        RecordingSink sink2 = new RecordingSink(clock2);
        FramePublisher.builder().source(new ListSource(frames(100, Duration.ZERO), i -> { })).sink(sink2).pace(Pace.fixedRate(10))
                .clock(clock2).waiter(ClockWaiter.advancing(clock2)).maxFrames(7).build().run();
        assertThat(sink2.frames).hasSize(7);
    }

    @Test
    void anUnpacedRunEndsWhenItsDurationIsUp() {
        ManualClock clock = new ManualClock(T0);
        RecordingSink sink = new RecordingSink(clock);
        FramePublisher.builder().source(new ListSource(frames(1000, Duration.ZERO), i -> clock.advance(Duration.ofMillis(10))))
                .sink(sink).pace(Pace.asFastAsPossible()).clock(clock).waiter(ClockWaiter.advancing(clock)).duration(Duration.ofSeconds(1))
                .build().run();
        assertThat(sink.frames).hasSize(99); // the 100th frame is ready exactly at the end
    }

    @Test
    void syntheticSourcesGetTheirDueTimeAsCaptureTime() {
        ManualClock clock = new ManualClock(T0);
        ListSource source = new ListSource(frames(3, Duration.ZERO), i -> { });
        source.stamp = true;
        RecordingSink sink = new RecordingSink(clock);
        publisher(source, sink, clock, Pace.fixedRate(4), new IngestStats()).run();
        assertThat(sink.frames).extracting(f -> f.metadata().captureTime())
                .containsExactly(T0, T0.plusMillis(250), T0.plusMillis(500));
    }

    @Test
    void aFailedSendStopsTheRunWithItsError() {
        ManualClock clock = new ManualClock(T0);
        RecordingSink sink = new RecordingSink(clock);
        sink.failWith = new IngestException("Kafka at nowhere:9092 did not take frames");
        FramePublisher p = publisher(new ListSource(frames(10, Duration.ZERO), i -> { }), sink, clock, Pace.fixedRate(10),
                new IngestStats());
        assertThatThrownBy(p::run).isInstanceOf(IngestException.class).hasMessageContaining("nowhere:9092");
        assertThat(sink.frames).hasSize(1);
        assertThat(p.stats().snapshot(0).failed()).isEqualTo(1);
        assertThat(sink.flushes).isEqualTo(1);
    }
}

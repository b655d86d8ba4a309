package io.tessera.ingest.publish;

import io.tessera.ingest.CapturedFrame;
import java.time.Duration;
import java.time.Instant;

/**
 * How fast frames go out. Due times are computed from the run's start instant and the frame's
 * index (or recorded timestamp), never from the previous send, so a slow frame does not shift
 * every later one: the schedule does not drift.
 */
public sealed interface Pace {

    /** A schedule for a run that starts at {@code start}. */
    Schedule start(Instant start);

    /** How far past its due time a frame may go out before it counts as late. */
    Duration lateTolerance();

    /** Due times for one run; may keep state (recorded timing does), so one per run. */
    interface Schedule {
        /** When frame number {@code index} (from 0) should be handed to the producer. */
        Instant due(long index, CapturedFrame frame);
    }

    static Pace fixedRate(double fps) {
        return new FixedRate(fps, Duration.ZERO);
    }

    static Pace asRecorded(double speed) {
        return new AsRecorded(speed);
    }

    static Pace asFastAsPossible() {
        return new AsFastAsPossible();
    }

    /**
     * {@code fps} frames per second: frame i is due at start + offset + i / fps. Late after one
     * frame period.
     */
    record FixedRate(double fps, Duration offset) implements Pace {
        public FixedRate {
            if (!(fps > 0) || fps > 10_000) {
                throw new IllegalArgumentException("fps must be within (0, 10000], got " + fps);
            }
            if (offset.isNegative()) {
                throw new IllegalArgumentException("offset must not be negative, got " + offset);
            }
        }

        /**
         * The same rate for camera {@code index} of {@code count}, its frames due {@code index / count}
         * of a period after those of camera 0: cameras that are not phase-locked, as on real lines,
         * rather than all sending at the same instants.
         */
        public FixedRate staggered(int index, int count) {
            return new FixedRate(fps, offset.plusNanos(Math.round(1e9 / fps * index / count)));
        }

        @Override
        public Schedule start(Instant start) {
            double nanosPerFrame = 1e9 / fps;
            Instant first = start.plus(offset);
            return (index, frame) -> first.plusNanos(Math.round(index * nanosPerFrame));
        }

        @Override
        public Duration lateTolerance() {
            return Duration.ofNanos(Math.round(1e9 / fps));
        }
    }

    /**
     * The recorded spacing of frames (their timestamps), divided by {@code speed}. Timestamps
     * that go backwards (frames of several partitions interleaved) never schedule a frame
     * before the previous one: order is kept as recorded.
     */
    record AsRecorded(double speed) implements Pace {
        public AsRecorded {
            if (!(speed > 0) || Double.isInfinite(speed)) {
                throw new IllegalArgumentException("speed must be a positive number, got " + speed);
            }
        }

        @Override
        public Schedule start(Instant start) {
            return new Schedule() {
                private Instant first;
                private long lastOffsetNanos;

                @Override
                public Instant due(long index, CapturedFrame frame) {
                    if (first == null) {
                        first = frame.timestamp();
                    }
                    long recorded = Duration.between(first, frame.timestamp()).toNanos();
                    long offset = Math.max(lastOffsetNanos, Math.round(recorded / speed));
                    lastOffsetNanos = offset;
                    return start.plusNanos(offset);
                }
            };
        }

        @Override
        public Duration lateTolerance() {
            return Duration.ofMillis(50);
        }
    }

    /** No waiting: as fast as the source renders and the producer accepts. Nothing is ever late. */
    record AsFastAsPossible() implements Pace {
        @Override
        public Schedule start(Instant start) {
            return (index, frame) -> start;
        }

        @Override
        public Duration lateTolerance() {
            return Duration.ofDays(365);
        }
    }
}

package io.tessera.launcher.chaos;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How long a frames partition went without progress. Definition, per partition: take each
 * committed output (a verdict or a dead letter) of that partition's frames, at the time a
 * {@code read_committed} consumer first saw it; the partition was stalled from the later of (a) its
 * previous committed output and (b) the arrival (record timestamp) of its oldest frame still
 * without output, until that output. A partition with no frame waiting is idle, not stalled; a
 * partition working through a backlog at any pace is not stalled either. The longest such
 * stretch over all partitions is {@code maxStallMs}.
 */
public final class StallMeter {

    private StallMeter() {
    }

    /** One frame of a partition: when it became available and when its committed output was first seen. */
    public record Done(long availableMs, long doneMs) {
    }

    /** Every stall of one partition, in time order (one per committed output). */
    public static List<Stall> stalls(int partition, List<Done> frames) {
        List<Done> byDone = new ArrayList<>(frames);
        byDone.sort(Comparator.comparingLong(Done::doneMs));
        int n = byDone.size();
        // oldest arrival among the frames whose output comes at or after position i
        long[] oldestWaiting = new long[n + 1];
        oldestWaiting[n] = Long.MAX_VALUE;
        for (int i = n - 1; i >= 0; i--) {
            oldestWaiting[i] = Math.min(oldestWaiting[i + 1], byDone.get(i).availableMs());
        }
        List<Stall> out = new ArrayList<>(n);
        long previous = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            long done = byDone.get(i).doneMs();
            long from = Math.max(previous, oldestWaiting[i]);
            if (from < done) {
                out.add(new Stall(partition, from, done));
            }
            previous = done;
        }
        return out;
    }
}

package io.tessera.model.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Hard-negative mining without extra model calls: good crops that the model, during a training
 * step, scored as likely defects are remembered and drawn again (with fresh augmentation) in later
 * batches, until the model scores them low. The threshold a line can use is set by its
 * highest-scoring good images, so the rare good surface that looks like pitting (a scratch, a
 * reflection) is worth more steps than the many that are already easy.
 *
 * <p>The pool holds at most {@code capacity} crops whose last probability was at least
 * {@code floor}; when full, a new crop replaces the one with the lowest probability. A crop drawn
 * again is updated with its new probability (and leaves the pool below the floor). Entries name
 * their image by file name, so a checkpoint stores the pool and a resumed run continues with it.
 */
public final class HardNegatives {
    /**
     * A good crop of a training image, the tile size it was cut for (larger than the crop only at
     * an image's edge) and the defect probability the model gave it last.
     */
    public record Entry(String image, int x, int y, int width, int height, int tileSize, float probability) {
        Key key() {
            return new Key(image, x, y, width, height, tileSize);
        }
    }

    private record Key(String image, int x, int y, int width, int height, int tileSize) {
    }

    public static final int DEFAULT_CAPACITY = 256;
    public static final float DEFAULT_FLOOR = 0.2f;

    private final int capacity;
    private final float floor;
    // insertion order: a snapshot and its restore draw the same entries for the same random numbers
    private final Map<Key, Entry> entries = new LinkedHashMap<>();

    public HardNegatives(int capacity, float floor) {
        if (capacity < 1) {
            throw new IllegalArgumentException("hard-negative capacity must be >= 1, got " + capacity);
        }
        if (!(floor >= 0 && floor < 1)) {
            throw new IllegalArgumentException("hard-negative floor must be within [0, 1), got " + floor);
        }
        this.capacity = capacity;
        this.floor = floor;
    }

    public static HardNegatives withDefaults() {
        return new HardNegatives(DEFAULT_CAPACITY, DEFAULT_FLOOR);
    }

    /** Records what the model said of a good crop in a training step. */
    public void offer(Entry scored) {
        Key key = scored.key();
        if (scored.probability() < floor) {
            entries.remove(key);
            return;
        }
        if (entries.containsKey(key)) {
            entries.put(key, scored);
            return;
        }
        if (entries.size() >= capacity) {
            Entry easiest = entries.values().stream().min(Comparator.comparingDouble(Entry::probability)).orElseThrow();
            if (easiest.probability() >= scored.probability()) {
                return;
            }
            entries.remove(easiest.key());
        }
        entries.put(key, scored);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** A uniformly drawn entry; the pool must not be empty. */
    public Entry draw(SplittableRandom random) {
        if (entries.isEmpty()) {
            throw new IllegalStateException("no hard negatives to draw from");
        }
        int pick = random.nextInt(entries.size());
        int i = 0;
        for (Entry e : entries.values()) {
            if (i++ == pick) {
                return e;
            }
        }
        throw new AssertionError("unreachable");
    }

    /** The pool in its order, for a checkpoint. */
    public List<Entry> snapshot() {
        return new ArrayList<>(entries.values());
    }

    /** Replaces the pool with a checkpoint's snapshot. */
    public void restore(List<Entry> snapshot) {
        entries.clear();
        for (Entry e : snapshot) {
            entries.put(e.key(), e);
        }
    }
}

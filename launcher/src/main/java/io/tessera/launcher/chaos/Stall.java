package io.tessera.launcher.chaos;

/**
 * A stretch in which a frames partition had work waiting and nothing of it came out committed.
 *
 * @param partition the frames partition
 * @param fromMs    since when (epoch ms): the later of the partition's previous committed output
 *                  and the arrival of the oldest frame still waiting
 * @param toMs      the next committed output of that partition (epoch ms)
 */
public record Stall(int partition, long fromMs, long toMs) {
    public long millis() {
        return toMs - fromMs;
    }
}

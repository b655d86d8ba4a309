package io.tessera.stream.batch;

import java.time.Duration;

/**
 * A frame's tile scores and where its time went in the batcher.
 *
 * @param probabilities defect probability per tile, in submission order
 * @param queued        from submission to the start of the first batch holding its tiles
 * @param infer         from the start of that batch to the end of the last one holding its tiles
 * @param batches       model calls its tiles took part in
 */
public record Scores(float[] probabilities, Duration queued, Duration infer, int batches) {
}

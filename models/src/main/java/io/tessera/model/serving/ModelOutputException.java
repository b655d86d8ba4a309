package io.tessera.model.serving;

/**
 * The model answered, but with values that are not defect probabilities: NaN, infinite, or
 * outside [0, 1]. Such a batch decides nothing; callers treat its frames as unclassified.
 */
public final class ModelOutputException extends IllegalStateException {
    private final int batchSize;
    private final int badValues;

    public ModelOutputException(String model, String precision, int batchSize, int badValues, int firstBadTile,
            float firstBadValue) {
        super("model " + model + " at " + precision + " gave " + badValues + " of " + batchSize
                + " outputs that are not probabilities in [0, 1] (first: tile " + firstBadTile + " = " + firstBadValue
                + ") at batch " + batchSize);
        this.batchSize = batchSize;
        this.badValues = badValues;
    }

    /** Tiles in the batch that gave the bad outputs. */
    public int batchSize() {
        return batchSize;
    }

    /** Outputs that were non-finite or outside [0, 1]. */
    public int badValues() {
        return badValues;
    }

    /**
     * Throws when any output is non-finite or outside [0, 1].
     *
     * @throws ModelOutputException naming the batch size and the count of bad values
     */
    public static void check(float[] probabilities, String model, String precision) {
        int bad = 0;
        int first = -1;
        for (int i = 0; i < probabilities.length; i++) {
            float p = probabilities[i];
            if (!(p >= 0f && p <= 1f)) { // false for NaN too
                bad++;
                if (first < 0) {
                    first = i;
                }
            }
        }
        if (bad > 0) {
            throw new ModelOutputException(model, precision, probabilities.length, bad, first, probabilities[first]);
        }
    }
}

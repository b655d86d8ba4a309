package io.tessera.model.eval;

/**
 * The Wilson score interval for a binomial proportion: unlike the normal approximation it
 * stays inside [0, 1] and is honest for 0 or n successes, which is exactly where false-reject
 * and escape rates live.
 */
public record WilsonInterval(long successes, long trials, double lower, double upper) {
    public static final double Z95 = 1.959963984540054;

    public static WilsonInterval of(long successes, long trials) {
        if (trials < 0 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException("need 0 <= successes <= trials, got " + successes + "/" + trials);
        }
        if (trials == 0) {
            return new WilsonInterval(0, 0, 0, 1);
        }
        double n = trials;
        double p = successes / n;
        double z2 = Z95 * Z95;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z95 / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return new WilsonInterval(successes, trials, Math.max(0, centre - half), Math.min(1, centre + half));
    }

    public double rate() {
        return trials == 0 ? Double.NaN : (double) successes / trials;
    }

    /** Whether two intervals overlap (a difference within the uncertainty). */
    public boolean overlaps(WilsonInterval other) {
        return lower <= other.upper && other.lower <= upper;
    }
}

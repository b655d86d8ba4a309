package io.tessera.model.eval;

/**
 * A 95% interval for a ROC AUC by Hanley and McNeil's standard error (Radiology 143 (1982) 29-36),
 * which needs only the AUC and the two class sizes. Like any rank-based interval it collapses to
 * a point when the classes are perfectly separated (AUC 0 or 1), however few images there are:
 * read it with the counts beside it.
 */
public record AucInterval(double auc, double lower, double upper) {

    /** NaN bounds when either class is empty (no AUC). */
    public static AucInterval of(double auc, long defects, long goods) {
        if (defects <= 0 || goods <= 0 || Double.isNaN(auc)) {
            return new AucInterval(Double.NaN, Double.NaN, Double.NaN);
        }
        double q1 = auc / (2 - auc);
        double q2 = 2 * auc * auc / (1 + auc);
        double a2 = auc * auc;
        double variance = (auc * (1 - auc) + (defects - 1) * (q1 - a2) + (goods - 1) * (q2 - a2)) / ((double) defects * goods);
        double half = WilsonInterval.Z95 * Math.sqrt(Math.max(0, variance));
        return new AucInterval(auc, Math.max(0, auc - half), Math.min(1, auc + half));
    }
}

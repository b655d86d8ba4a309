package io.tessera.model.eval;

import java.util.Arrays;

/**
 * Area under the ROC curve: the probability that a random defect image scores above a random
 * good one (ties count half), computed by ranks (Mann-Whitney U) in O(n log n).
 */
public final class RocAuc {
    private RocAuc() {
    }

    public static double of(double[] defectScores, double[] goodScores) {
        if (defectScores.length == 0 || goodScores.length == 0) {
            return Double.NaN;
        }
        int n = defectScores.length + goodScores.length;
        double[][] all = new double[n][];
        for (int i = 0; i < defectScores.length; i++) {
            all[i] = new double[] {defectScores[i], 1};
        }
        for (int i = 0; i < goodScores.length; i++) {
            all[defectScores.length + i] = new double[] {goodScores[i], 0};
        }
        Arrays.sort(all, (a, b) -> Double.compare(a[0], b[0]));
        double rankSum = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && all[j + 1][0] == all[i][0]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (all[k][1] == 1) {
                    rankSum += averageRank;
                }
            }
            i = j + 1;
        }
        double m = defectScores.length;
        return (rankSum - m * (m + 1) / 2) / (m * goodScores.length);
    }
}

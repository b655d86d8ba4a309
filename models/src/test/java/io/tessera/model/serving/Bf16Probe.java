package io.tessera.model.serving;

import io.tessera.model.ModelCard;
import io.tessera.model.TileClassifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scores the reference tiles of a model at one precision, batch size by batch size, and prints
 * for each how many outputs were not probabilities and how far the rest moved from fp32:
 * {@code Bf16Probe <model dir> <precision> <batch,batch,...> [rounds] [intra-op threads] [callers]}
 * ({@code callers}: 0 scores on the loading thread, n on n fresh threads at once). Used to
 * find which settings give bf16 NaN (models/README.md); run in a fresh JVM per setting, since
 * oneDNN's ISA and primitive cache are fixed per process.
 */
public final class Bf16Probe {
    public static void main(String[] args) throws InterruptedException {
        Path dir = Path.of(args[0]);
        Precision precision = Precision.parse(args[1]);
        String[] batches = args[2].split(",");
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        int threads = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        int callers = args.length > 5 ? Integer.parseInt(args[5]) : 0;
        ModelCard card = ModelCard.read(dir);
        ReferenceTiles ref = ReferenceTiles.read(dir, card);
        try (TileClassifier c = DjlTileClassifier.load(dir, new ServingOptions(precision, threads, 0))) {
            if (callers == 0) {
                score(c, ref, precision, batches, rounds);
                return;
            }
            List<Thread> ts = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                Thread t = new Thread(() -> score(c, ref, precision, batches, rounds), "caller-" + i);
                ts.add(t);
                t.start();
            }
            for (Thread t : ts) {
                t.join();
            }
        }
    }

    private static void score(TileClassifier c, ReferenceTiles ref, Precision precision, String[] batches, int rounds) {
        for (int round = 1; round <= rounds; round++) {
            for (String b : batches) {
                int batch = Integer.parseInt(b.trim());
                int bad = 0;
                int calls = 0;
                int badCalls = 0;
                double maxChange = 0;
                long t0 = System.nanoTime();
                int[] slots = new int[batch];
                for (int start = 0; start < ref.count(); start += batch) {
                    calls++;
                    try {
                        float[] p = c.classify(ref.batch(start, batch, slots));
                        for (int s = 0; s < batch; s++) {
                            maxChange = Math.max(maxChange, Math.abs(p[s] - ref.fp32Scores()[slots[s]]));
                        }
                    } catch (ModelOutputException e) {
                        bad += e.badValues();
                        badCalls++;
                    }
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                System.out.printf(Locale.ROOT, "PROBE %s %s round %d batch %d: %d bad outputs in %d of %d calls,"
                        + " max |change| %.4f, %.1f tiles/s%n", precision.label(), Thread.currentThread().getName(),
                        round, batch, bad, badCalls, calls, maxChange, calls * batch / seconds);
            }
        }
    }
}

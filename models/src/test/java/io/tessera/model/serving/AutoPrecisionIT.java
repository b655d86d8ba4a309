package io.tessera.model.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.model.ModelCard;
import io.tessera.model.TestData;
import io.tessera.model.TileClassifier;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code auto} on the shipped model, on whatever CPU runs the test: whichever precision the
 * self-check chooses must decide every reference tile as fp32 does, give only probabilities, and
 * say why it was chosen.
 */
@Tag("integration")
class AutoPrecisionIT {
    private static final List<Integer> APP_BATCHES = List.of(1, 45, 64);

    @Test
    void autoServesAPrecisionThatDecidesTheReferenceTilesAsFp32Does() {
        Path dir = TestData.shippedModel();
        long started = System.nanoTime();
        try (TileClassifier auto = ServingModels.load(dir, ServingModels.Request.auto(APP_BATCHES))) {
            double seconds = (System.nanoTime() - started) / 1e9;
            ModelCard card = auto.card();
            ReferenceTiles reference = ReferenceTiles.read(dir, card);
            String precision = auto.servingPrecision().precision();
            String reason = auto.servingPrecision().reason();
            System.out.printf("auto chose %s in %.1f s on %s: %s%n", precision, seconds, CpuFeatures.current().model(),
                    reason);

            assertThat(precision).isIn("fp32", "bf16", "fp16");
            assertThat(reason).startsWith(precision + " (auto): ");
            for (int batch : APP_BATCHES) {
                int[] slots = new int[batch];
                for (int start = 0; start < reference.count(); start += batch) {
                    float[] p = auto.classify(reference.batch(start, batch, slots));
                    for (int s = 0; s < batch; s++) {
                        float fp32 = reference.fp32Scores()[slots[s]];
                        assertThat(p[s]).as("tile %d at batch %d", slots[s], batch).isBetween(0f, 1f);
                        assertThat(p[s] >= card.threshold()).as("decision of tile %d at batch %d (%s %.4f, fp32 %.4f)",
                                slots[s], batch, precision, p[s], fp32).isEqualTo(fp32 >= card.threshold());
                    }
                }
            }
        }
    }

    @Test
    void anExplicitPrecisionThatFailsRefusesToStartNamingTheSetting() {
        // On a CPU where bf16 passes, there is nothing to refuse: the test then checks that it serves.
        Path dir = TestData.shippedModel();
        ServingModels.Request bf16 = ServingModels.Request.auto(APP_BATCHES).withPrecision(Precision.BF16, true)
                .withSetting("model.precision (--precision)");
        try (TileClassifier c = ServingModels.load(dir, bf16)) {
            assertThat(c.servingPrecision().reason()).startsWith("bf16 (as requested)");
        } catch (PrecisionRejectedException e) {
            assertThat(e.getMessage()).startsWith("bf16 fails the precision self-check: ")
                    .contains("set model.precision (--precision) to auto or fp32");
        }
    }
}

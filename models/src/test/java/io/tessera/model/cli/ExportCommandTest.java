package io.tessera.model.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.model.data.Augmentation;
import io.tessera.model.data.HardNegativeMining;
import io.tessera.model.serving.Precision;
import io.tessera.model.train.TrainConfig;
import io.tessera.model.train.Trainer;
import io.tessera.vision.Normalization;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExportCommandTest {

    private static TrainConfig config(Normalization n, HardNegativeMining mining) {
        return new TrainConfig(Path.of("data"), Path.of("run"), 18, 256, 32, 128, 64, 32, 10, 1e-3f, 1, 0.05f, 0.5, 1,
                Precision.FP32, 0, 5, Augmentation.standard(), n, mining);
    }

    private static Object storedNormalization(Normalization n) {
        return Trainer.settings(config(n, HardNegativeMining.none())).get("normalization");
    }

    @Test
    void anExportedRunKeepsTheHardNegativeMiningItTrainedWith() {
        HardNegativeMining fromGood = new HardNegativeMining(0.25, HardNegativeMining.Source.GOOD_IMAGES);
        Map<String, Object> stored = Trainer.settings(config(Normalization.imagenet(), fromGood));
        assertThat(ExportCommand.hardNegativesOf(stored)).isEqualTo(fromGood);
        HardNegativeMining fromAny = HardNegativeMining.share(0.25);
        assertThat(ExportCommand.hardNegativesOf(Trainer.settings(config(Normalization.imagenet(), fromAny))))
                .isEqualTo(fromAny);
    }

    @Test
    void aRunWithoutHardNegativesStoresNoMiningSettingsSoRunsFromBeforeTheOptionStillMatch() {
        Map<String, Object> stored = Trainer.settings(config(Normalization.imagenet(), HardNegativeMining.none()));
        assertThat(stored).doesNotContainKeys("hardNegativeShare", "hardNegativeSource");
        assertThat(ExportCommand.hardNegativesOf(stored)).isEqualTo(HardNegativeMining.none());
    }

    @Test
    void anExportedTileNormalisedRunKeepsPerTileNormalisationInItsCard() {
        // regression: export wrote the ImageNet statistics for every run, so serving fed a per-tile
        // model differently normalised tiles than it trained on
        assertThat(ExportCommand.normalizationOf(storedNormalization(Normalization.perTile())).scope())
                .isEqualTo(Normalization.Scope.TILE);
    }

    @Test
    void aDatasetNormalisedRunAndARunFromBeforeTheOptionGetTheImageNetStatistics() {
        Normalization imagenet = Normalization.imagenet();
        assertThat(ExportCommand.normalizationOf(storedNormalization(imagenet))).isEqualTo(imagenet);
        assertThat(ExportCommand.normalizationOf(null)).isEqualTo(imagenet);
    }

    @Test
    void anUnknownNormalisationIsRefusedNotGuessed() {
        assertThatThrownBy(() -> ExportCommand.normalizationOf("Normalization[mean=[0.5], std=[0.5]]"))
                .hasMessageContaining("normalisation").hasMessageContaining("[0.5]");
    }
}

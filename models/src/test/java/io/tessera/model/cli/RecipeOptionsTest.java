package io.tessera.model.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.model.data.HardNegativeMining;
import io.tessera.model.serving.Precision;
import io.tessera.model.train.TrainConfig;
import io.tessera.vision.Normalization;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class RecipeOptionsTest {
    @Command(name = "recipe")
    static final class Holder {
        @Mixin
        RecipeOptions recipe;
    }

    private static TrainConfig parse(String... args) {
        Holder holder = new Holder();
        new CommandLine(holder).parseArgs(args);
        return holder.recipe.config(Path.of("run"), 10, Precision.FP32);
    }

    @Test
    void theDatasetScopeIsTheDefaultAndTileIsChosenByName() {
        assertThat(parse("--data", "d").normalization()).isEqualTo(Normalization.imagenet());
        assertThat(parse("--data", "d", "--normalization", "tile").normalization()).isEqualTo(Normalization.perTile());
    }

    @Test
    void anUnknownNormalisationIsRefusedWithTheChoices() {
        assertThatThrownBy(() -> parse("--data", "d", "--normalization", "frame"))
                .hasMessageContaining("dataset or tile");
    }

    @Test
    void hardNegativesAreOffByDefaultAndMinedFromGoodImagesOnlyWhenAsked() {
        assertThat(parse("--data", "d").hardNegatives()).isEqualTo(HardNegativeMining.none());
        assertThat(parse("--data", "d", "--hard-negatives", "0.25").hardNegatives())
                .isEqualTo(HardNegativeMining.share(0.25));
        assertThat(parse("--data", "d", "--hard-negatives", "0.25", "--hard-negatives-from", "good-images")
                .hardNegatives()).isEqualTo(new HardNegativeMining(0.25, HardNegativeMining.Source.GOOD_IMAGES));
    }

    @Test
    void miningFromGoodImagesWithoutAShareIsRefusedNamingTheOption() {
        assertThatThrownBy(() -> parse("--data", "d", "--hard-negatives-from", "good-images"))
                .hasMessageContaining("--hard-negatives");
    }
}

package io.tessera.model.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HardNegativeMiningTest {

    @Test
    void sourcesAreNamedAsTheOptionTakesThem() {
        assertThat(HardNegativeMining.Source.parse("any")).isEqualTo(HardNegativeMining.Source.ANY);
        assertThat(HardNegativeMining.Source.parse(" Good-Images ")).isEqualTo(HardNegativeMining.Source.GOOD_IMAGES);
        assertThat(HardNegativeMining.Source.GOOD_IMAGES.label()).isEqualTo("good-images");
    }

    @Test
    void anUnknownSourceNamesTheOptionAndTheChoices() {
        assertThatThrownBy(() -> HardNegativeMining.Source.parse("defects"))
                .hasMessageContaining("--hard-negatives-from").hasMessageContaining("good-images")
                .hasMessageContaining("defects");
    }

    @Test
    void aSourceWithoutAShareIsRefusedRatherThanSilentlyIgnored() {
        assertThatThrownBy(() -> new HardNegativeMining(0, HardNegativeMining.Source.GOOD_IMAGES))
                .hasMessageContaining("--hard-negatives");
        assertThat(HardNegativeMining.none().enabled()).isFalse();
    }

    @Test
    void aShareOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> HardNegativeMining.share(1)).hasMessageContaining("--hard-negatives");
        assertThatThrownBy(() -> HardNegativeMining.share(-0.1)).hasMessageContaining("[0, 1)");
        assertThat(HardNegativeMining.share(0.25).enabled()).isTrue();
    }
}

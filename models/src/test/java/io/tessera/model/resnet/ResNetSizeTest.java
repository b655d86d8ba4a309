package io.tessera.model.resnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResNetSizeTest {

    /** The reference table (He et al.; torchvision): millions of parameters and GFLOPs at 224x224, 1000 classes. */
    @ParameterizedTest
    @CsvSource({"18, 11.7, 1.8", "34, 21.8, 3.6", "50, 25.6, 4.1", "101, 44.5, 7.8", "152, 60.2, 11.6"})
    void matchesTheReferenceTable(int depth, double millionParams, double gflops) {
        ResNetSize info = ResNetSize.of(depth, 1000, 224);

        assertThat(info.millionParams()).isCloseTo(millionParams, within(0.05));
        // the table rounds to one decimal; the reference GFLOPs come from mixed sources (paper and torchvision)
        assertThat(info.gflops()).isCloseTo(gflops, within(0.1));
        // the counter and the graph's own variables agree
        assertThat(info.variableElements()).isEqualTo(info.params());
    }

    @Test
    void resnet34HasExactlyTheTorchvisionParameterCount() {
        assertThat(ResNetSize.of(34, 1000, 224).params()).isEqualTo(21_797_672L);
        assertThat(ResNetSize.of(34, 2, 224).params()).isEqualTo(21_285_698L);
    }

    @Test
    void rejectsAnUnknownDepth() {
        assertThatThrownBy(() -> ResNetArchitecture.of(42)).hasMessageContaining("18, 34, 50, 101, 152");
    }
}

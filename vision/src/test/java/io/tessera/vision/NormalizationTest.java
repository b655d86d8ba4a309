package io.tessera.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NormalizationTest {
    @Test
    void scopeLabelsReadBackAndAMissingLabelIsTheDatasetScopeOfOlderCards() {
        for (Normalization.Scope scope : Normalization.Scope.values()) {
            assertThat(Normalization.Scope.parse(scope.label())).isEqualTo(scope);
        }
        assertThat(Normalization.Scope.parse(null)).isEqualTo(Normalization.Scope.DATASET);
        assertThat(Normalization.Scope.parse(" Tile ")).isEqualTo(Normalization.Scope.TILE);
        assertThatThrownBy(() -> Normalization.Scope.parse("frame")).hasMessageContaining("dataset or tile")
                .hasMessageContaining("frame");
    }

    @Test
    void theScopeIsPartOfEquality() {
        Normalization fixed = new Normalization(new float[] {0, 0, 0}, new float[] {1, 1, 1});
        assertThat(fixed.scope()).isEqualTo(Normalization.Scope.DATASET);
        assertThat(fixed).isNotEqualTo(Normalization.perTile());
        assertThat(Normalization.perTile()).isEqualTo(Normalization.perTile()).hasSameHashCodeAs(Normalization.perTile());
        assertThat(Normalization.perTile().toString()).contains("per tile");
    }
}

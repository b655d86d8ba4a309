package io.tessera.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TileGridTest {

    @Test
    void shiftsTheLastTileInwardSoEveryPixelIsCoveredWithoutPadding() {
        TilingSpec spec = new TilingSpec(256, 0, 128, EdgePolicy.SHIFT_INWARD);
        List<TileBox> boxes = TileGrid.layout(2048, 1080, spec);

        assertThat(boxes).hasSize(8 * 5);
        assertThat(boxes).allSatisfy(b -> {
            assertThat(b.width()).isEqualTo(256);
            assertThat(b.height()).isEqualTo(256);
            assertThat(b.x() + b.width()).isLessThanOrEqualTo(2048);
            assertThat(b.y() + b.height()).isLessThanOrEqualTo(1080);
        });
        assertThat(boxes.stream().mapToInt(TileBox::y).distinct().sorted().toArray())
                .containsExactly(0, 256, 512, 768, 1080 - 256);
        assertThat(boxes.get(boxes.size() - 1)).isEqualTo(new TileBox(39, 2048 - 256, 1080 - 256, 256, 256));
    }

    @Test
    void overlapShortensTheStride() {
        TilingSpec spec = new TilingSpec(224, 32, 224, EdgePolicy.SHIFT_INWARD);
        int[] xs = TileGrid.positions(1130, spec);

        assertThat(xs).containsExactly(0, 192, 384, 576, 768, 906);
    }

    @Test
    void padPolicyKeepsTheRegularGridAndClipsBoxesToTheImage() {
        TilingSpec spec = new TilingSpec(256, 0, 128, EdgePolicy.PAD);
        List<TileBox> boxes = TileGrid.layout(600, 300, spec);

        assertThat(boxes).hasSize(3 * 2);
        assertThat(boxes.get(2)).isEqualTo(new TileBox(2, 512, 0, 88, 256));
        assertThat(boxes.get(5)).isEqualTo(new TileBox(5, 512, 256, 88, 44));
    }

    @Test
    void imageSmallerThanATileGivesOneClippedTile() {
        List<TileBox> boxes = TileGrid.layout(100, 80, new TilingSpec(256, 0, 128, EdgePolicy.SHIFT_INWARD));

        assertThat(boxes).containsExactly(new TileBox(0, 0, 0, 100, 80));
    }

    @Test
    void rejectsAnOverlapAsLargeAsTheTileNamingTheSetting() {
        assertThatThrownBy(() -> new TilingSpec(128, 128, 128, EdgePolicy.PAD))
                .hasMessageContaining("tiling.overlap");
    }
}

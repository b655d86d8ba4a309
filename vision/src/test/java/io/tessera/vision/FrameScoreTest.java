package io.tessera.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class FrameScoreTest {
    private final List<TileBox> boxes = List.of(new TileBox(0, 0, 0, 10, 10), new TileBox(1, 10, 0, 10, 10),
            new TileBox(2, 20, 0, 10, 10));

    @Test
    void scoreIsTheHighestTileAndDefectTilesAreThoseAtOrAboveThreshold() {
        FrameScore score = FrameScore.aggregate(boxes, new float[] {0.2f, 0.9f, 0.5f}, 0.5);

        assertThat(score.score()).isCloseTo(0.9, Assertions.within(1e-6));
        assertThat(score.isDefect()).isTrue();
        assertThat(score.defectTiles()).extracting(t -> t.box().index()).containsExactly(1, 2);
    }

    @Test
    void belowThresholdEverywhereIsOk() {
        FrameScore score = FrameScore.aggregate(boxes, new float[] {0.1f, 0.2f, 0.3f}, 0.5);

        assertThat(score.isDefect()).isFalse();
        assertThat(score.defectTiles()).isEmpty();
        assertThat(score.tileCount()).isEqualTo(3);
    }

    @Test
    void refusesMismatchedOrInvalidScores() {
        assertThatThrownBy(() -> FrameScore.aggregate(boxes, new float[] {0.1f}, 0.5)).hasMessageContaining("3 tiles but 1");
        assertThatThrownBy(() -> FrameScore.aggregate(boxes, new float[] {0.1f, Float.NaN, 0.2f}, 0.5))
                .hasMessageContaining("outside [0, 1]");
    }
}

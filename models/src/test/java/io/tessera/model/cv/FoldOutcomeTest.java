package io.tessera.model.cv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FoldOutcomeTest {

    @Test
    void aFoldStoredBeforeCalibrationScoresWereKeptReadsWithNone(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("result.json"), """
                {"fold": 1, "heldOutGroups": ["305000_090"], "calibrationGroups": ["395000_270"], "trainImages": 444,
                 "threshold": 0.3054, "trainingSeconds": 4100.5, "recipe": {"steps": "3600"},
                 "heldOut": [{"file": "a.jpg", "group": "305000_090", "defect": false, "score": 0.05}]}
                """);

        FoldOutcome stored = FoldOutcome.read(dir).orElseThrow();

        assertThat(stored.heldOut()).hasSize(1);
        assertThat(stored.calibration()).isEmpty();
    }

    @Test
    void calibrationScoresSurviveTheRoundTrip(@TempDir Path dir) throws Exception {
        ScoredImage good = new ScoredImage("b.jpg", "395000_270", false, 0.2);
        FoldOutcome outcome = new FoldOutcome(0, List.of("277500_315"), List.of("395000_270"), 400, 0.21, 60,
                Map.of("steps", "1200"), List.of(new ScoredImage("a.jpg", "277500_315", true, 0.9)), List.of(good));

        outcome.write(dir);

        assertThat(FoldOutcome.read(dir).orElseThrow()).isEqualTo(outcome);
    }
}

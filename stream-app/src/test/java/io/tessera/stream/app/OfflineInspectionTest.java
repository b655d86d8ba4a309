package io.tessera.stream.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.protocol.ContentType;
import io.tessera.protocol.Decision;
import io.tessera.protocol.DefectTile;
import io.tessera.protocol.Verdict;
import io.tessera.stream.config.ConfigLoader;
import io.tessera.stream.config.StreamAppConfig;
import io.tessera.stream.inspect.Outcome;
import io.tessera.testing.BrightnessClassifier;
import io.tessera.testing.TestFrames;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OfflineInspectionTest {
    /** Far older than any budget: a replay must still decide it. */
    private static final Instant LONG_AGO = Instant.now().minusSeconds(86_400);

    private static OfflineInspection start(Map<String, String> settings) throws InterruptedException {
        StreamAppConfig config = ConfigLoader.withOverrides(settings);
        return OfflineInspection.start(config, request -> BrightnessClassifier.standard(), Clock.systemUTC());
    }

    @Test
    void decidesAnOldFrameAsTheAppWouldWithoutABudget() throws Exception {
        try (OfflineInspection offline = start(Map.of())) {
            Outcome outcome = offline.inspect("cam-1", TestFrames.headers("line-a", 4, LONG_AGO, ContentType.JPEG),
                    TestFrames.jpeg(256, 128, 64, 0, 64));

            Verdict v = ((Outcome.Decided) outcome).verdict();
            assertThat(v.decision()).isEqualTo(Decision.DEFECT);
            assertThat(v.sequence()).isEqualTo(4);
            assertThat(v.threshold()).isEqualTo(0.5);
            assertThat(v.defectTiles()).extracting(DefectTile::x, DefectTile::y).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(64, 0));
            assertThat(offline.config().hasBudget()).isFalse();
        }
    }

    @Test
    void modelThresholdSettingDecides() throws Exception {
        try (OfflineInspection offline = start(Map.of("model.threshold", "0.999"))) {
            Outcome outcome = offline.inspect("cam-1", TestFrames.headers("line-a", 1, LONG_AGO, ContentType.JPEG),
                    TestFrames.jpeg(256, 128, 64, 0, 32));

            assertThat(offline.threshold()).isEqualTo(0.999);
            assertThat(((Outcome.Decided) outcome).verdict().decision()).isEqualTo(Decision.OK);
        }
    }

    @Test
    void aFrameThatBreaksTheWireFormatIsRejectedWithItsReason() throws Exception {
        try (OfflineInspection offline = start(Map.of())) {
            Outcome outcome = offline.inspect("cam-1", TestFrames.headers("line-a", 2, LONG_AGO, ContentType.JPEG), new byte[0]);

            assertThat(outcome).isEqualTo(new Outcome.Rejected("empty-frame", "frame has no image bytes"));
        }
    }
}

package io.tessera.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The records behind the golden JSON files under {@code src/test/resources/golden}. */
final class Fixtures {

    static final ModelRef MODEL = new ModelRef("resnet34-bsdata", "2026.03.1");
    /** Reject window of the golden alerts: capture time plus 1.5 s. */
    static final Duration REJECT_WINDOW = Duration.ofMillis(1500);

    private Fixtures() {
    }

    static Verdict defectVerdict() {
        return new Verdict("cam-07", "line-2", 18342, "P-2026-000917", Instant.parse("2026-03-01T08:15:30.125Z"),
                Decision.DEFECT, null, 0.93, 0.93, 0.5, ThresholdSource.TEACH_IN, 50,
                List.of(new DefectTile(448, 224, 224, 224, 0.93), new DefectTile(672, 224, 224, 224, 0.61)),
                MODEL, Instant.parse("2026-03-01T08:15:30.262Z"), new StageLatency(4.2, 21.0, 2.1, 8.5, 96.3, 137.0),
                GroundTruth.DEFECT);
    }

    static Verdict okVerdict() {
        return new Verdict("cam-01", "line-1", 0, null, Instant.parse("2026-03-01T08:00:00Z"),
                Decision.OK, null, 0.98, 0.02, 0.5, ThresholdSource.MODEL, 50, List.of(),
                MODEL, Instant.parse("2026-03-01T08:00:00.140Z"), new StageLatency(3.0, 20.5, 2.0, 1.5, 110.0, 140.0),
                null);
    }

    static Verdict unknownVerdict() {
        return new Verdict("cam-07", "line-2", 18343, "P-2026-000918", Instant.parse("2026-03-01T08:15:30.225Z"),
                Decision.UNKNOWN, "late", 0.0, 0.0, 0.5, ThresholdSource.OVERRIDE, 0, List.of(),
                MODEL, Instant.parse("2026-03-01T08:15:31.025Z"), new StageLatency(800.0, 0, 0, 0, 0, 800.0),
                null);
    }

    static Alert defectAlert() {
        return Alert.of(defectVerdict(), REJECT_WINDOW);
    }

    static Alert unknownAlert() {
        return Alert.of(unknownVerdict(), REJECT_WINDOW);
    }

    static byte[] golden(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no golden file " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

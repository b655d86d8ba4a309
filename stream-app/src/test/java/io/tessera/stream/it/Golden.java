package io.tessera.stream.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tessera.protocol.DefectTile;
import io.tessera.protocol.Json;
import io.tessera.protocol.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The checked-in expected verdicts of the sample recording for one model version. Regenerate
 * with {@code -Dtessera.golden.update=true} after shipping a new model, and review the diff.
 */
record Golden(String model, String version, String precision, double tolerance, List<Entry> verdicts) {

    static final String UPDATE_PROPERTY = "tessera.golden.update";

    record Entry(long sequence, String file, String truth, String decision, double defectScore, int tileCount,
            List<DefectTile> defectTiles) {
        static Entry of(Verdict v, String file) {
            return new Entry(v.sequence(), file, v.groundTruth() == null ? null : v.groundTruth().name(), v.decision().name(),
                    round(v.defectScore()), v.tileCount(), v.defectTiles().stream()
                            .map(t -> new DefectTile(t.x(), t.y(), t.width(), t.height(), round(t.score()))).toList());
        }
    }

    static Path file() {
        return Path.of(System.getProperty("tessera.root", "..")).resolve(
                "stream-app/src/test/resources/golden/bsdata-sample-verdicts.json");
    }

    static boolean updating() {
        return Boolean.getBoolean(UPDATE_PROPERTY);
    }

    static Golden read() throws IOException {
        Path f = file();
        if (!Files.isRegularFile(f)) {
            throw new IllegalStateException("golden file " + f + " is missing; create it with -D" + UPDATE_PROPERTY + "=true");
        }
        return mapper().readValue(f.toFile(), Golden.class);
    }

    void write() throws IOException {
        Files.createDirectories(file().getParent());
        mapper().writeValue(file().toFile(), this);
    }

    private static ObjectMapper mapper() {
        return Json.newMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}

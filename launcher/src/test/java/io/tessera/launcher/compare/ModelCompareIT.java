package io.tessera.launcher.compare;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tessera.ingest.recording.LabeledFolderRecording;
import io.tessera.launcher.TesseraCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code tessera model compare} with the shipped model on a recording of samples/bsdata (8 OK, 8
 * pitting photographs with ground truth), the model at its card's threshold against itself at
 * another. The same model gives the same scores, so the flips are exactly the frames whose score
 * lies between the two thresholds, read from A's own scores in the report.
 */
@Tag("integration")
class ModelCompareIT {
    private static final Path ROOT = Path.of(System.getProperty("tessera.root", ".."));
    private static final String MODEL = ROOT.resolve("models/shipped/pitting-resnet34").toString();

    @TempDir
    static Path tmp;
    static Path recording;

    @BeforeAll
    static void record() throws Exception {
        recording = tmp.resolve("bsdata");
        assertThat(LabeledFolderRecording.DEFAULT.write(ROOT.resolve("samples/bsdata"), recording)).isEqualTo(16);
    }

    private record Run(int code, JsonNode json, String err) {
    }

    private static Run compare(String thresholdB, String require, String... more) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = TesseraCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> args = new ArrayList<>(List.of("model", "compare", "--recording", recording.toString(), "--model", MODEL,
                "--model", MODEL, "--threshold-b", thresholdB, "--precision", "fp32", "--json", "--require", require));
        args.addAll(List.of(more));
        int code = cli.execute(args.toArray(String[]::new));
        return new Run(code, JsonMapper.builder().build().readTree(out.toString()), err.toString());
    }

    /** Sequence numbers of the frames A decided {@code decision} with a score in [from, to). */
    private static List<Integer> aDecided(JsonNode json, String decision, double from, double to) {
        List<Integer> seqs = new ArrayList<>();
        for (JsonNode f : json.get("frameResults")) {
            double score = f.at("/a/score").asDouble();
            if (f.at("/a/decision").asText().equals(decision) && score >= from && score < to) {
                seqs.add(f.get("sequence").asInt());
            }
        }
        return seqs;
    }

    private static List<Integer> sequences(JsonNode flips) {
        List<Integer> seqs = new ArrayList<>();
        flips.forEach(f -> seqs.add(f.get("sequence").asInt()));
        return seqs;
    }

    @Test
    void aLowerThresholdFlipsGoodFramesToDefectAndPassesRulesItCannotBreak() throws Exception {
        Path html = tmp.resolve("lower.html");
        Run run = compare("0.3", "flips-to-ok<=0,escape-change<=0", "--html", html.toString());

        double thresholdA = run.json().at("/models/A/threshold").asDouble();
        assertThat(thresholdA).isEqualTo(0.9388006925582887); // the card's
        assertThat(run.json().get("decidedByBoth").asInt()).isEqualTo(16);
        List<Integer> expected = aDecided(run.json(), "OK", 0.3, thresholdA);
        assertThat(expected).as("the sample has a good frame scoring between 0.3 and the card's threshold").isNotEmpty();
        assertThat(sequences(run.json().get("flipsToDefect"))).isEqualTo(expected);
        assertThat(run.json().get("flipsToOk")).isEmpty();
        assertThat(run.json().at("/flipsToDefect/0/truth").asText()).isEqualTo("OK");
        assertThat(run.json().at("/flipsToDefect/0/onlyB")).isNotEmpty();
        assertThat(run.json().at("/flipsToDefect/0/onlyA")).isEmpty();
        assertThat(run.json().at("/models/B/groundTruth/falseRejects").asInt()).isEqualTo(
                run.json().at("/models/A/groundTruth/falseRejects").asInt() + expected.size());
        assertThat(run.json().at("/models/B/groundTruth/auc").asDouble()).isEqualTo(run.json().at("/models/A/groundTruth/auc").asDouble());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.json().get("passed").asBoolean()).isTrue();
        assertThat(Files.readString(html)).contains("Flips OK &rarr; DEFECT (B would newly reject): " + expected.size());
    }

    @Test
    void aHigherThresholdFlipsDefectsToOkAndFailsTheEscapeRules() throws Exception {
        Run run = compare("0.99", "flips-to-defect<=0,escape<=0.05,escape-change<=0");

        double thresholdA = run.json().at("/models/A/threshold").asDouble();
        List<Integer> expected = aDecided(run.json(), "DEFECT", thresholdA, 0.99);
        assertThat(expected).as("the sample has a pitting frame scoring between the card's threshold and 0.99").isNotEmpty();
        assertThat(sequences(run.json().get("flipsToOk"))).isEqualTo(expected);
        assertThat(run.json().get("flipsToDefect")).isEmpty();
        assertThat(run.json().at("/flipsToOk/0/truth").asText()).isEqualTo("DEFECT");
        assertThat(run.json().at("/models/B/groundTruth/escapes").asInt()).isEqualTo(
                run.json().at("/models/A/groundTruth/escapes").asInt() + expected.size());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.json().at("/requirements/0/passed").asBoolean()).isTrue();
        assertThat(run.json().at("/requirements/1/passed").asBoolean()).isFalse();
        assertThat(run.json().at("/requirements/2/passed").asBoolean()).isFalse();
        assertThat(run.err()).contains("B fails --require rule escape<=0.05").contains("B fails --require rule escape-change<=0");
    }
}

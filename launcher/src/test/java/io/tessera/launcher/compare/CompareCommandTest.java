package io.tessera.launcher.compare;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tessera.launcher.TesseraCli;
import io.tessera.testing.BrightnessClassifier;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CompareCommandTest {
    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new CompareCommand(request -> BrightnessClassifier.standard()));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private String rec() throws Exception {
        return FakeRecording.write(tmp.resolve("rec"), true).toString();
    }

    @Test
    void printsTheReportAndPassesWhenTheCandidateMeetsEveryRule() throws Exception {
        int code = run("--recording", rec(), "--model", "fake-a", "--model", "fake-b", "--threshold-a", "0.5", "--threshold-b",
                "0.25", "--require", "escape<=0.05, flips<=2");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("agreement          60.00% (3/5)").contains("flips OK->DEFECT   2")
                .contains("cam-1/line-1 seq 1 (truth OK): A OK").contains("tiles only B flags: [0,0 64x64")
                .contains("escape rate         50.00% (1/2), 95% CI").contains("promotion: PASS");
        assertThat(err.toString()).contains("loading A from fake-a").contains("6/6 frames through both models");
    }

    @Test
    void exitsOneNamingTheRuleTheCandidateFails() throws Exception {
        int code = run("--recording", rec(), "--model", "fake-a", "--model", "fake-b", "--threshold-b", "0.25", "--require",
                "escape<=0.05,frr<=0.01");

        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).contains("FAIL  frr<=0.01").contains("value 0.5000")
                .contains("promotion: FAIL (1 of 2 rules failed)");
        assertThat(err.toString()).contains("B fails --require rule frr<=0.01: its value is 0.5000");
    }

    @Test
    void jsonAndHtml() throws Exception {
        Path html = tmp.resolve("report.html");
        int code = run("--recording", rec(), "--model", "fake-a", "--model", "fake-b", "--threshold-b", "0.25", "--json",
                "--html", html.toString(), "--require", "flips<=0");

        assertThat(code).isEqualTo(1);
        JsonNode json = JsonMapper.builder().build().readTree(out.toString());
        assertThat(json.get("frames").asInt()).isEqualTo(6);
        assertThat(json.get("agreementRate").asDouble()).isEqualTo(0.6);
        assertThat(json.at("/models/A/threshold").asDouble()).isEqualTo(0.5);
        assertThat(json.at("/models/B/threshold").asDouble()).isEqualTo(0.25);
        assertThat(json.at("/models/B/groundTruth/falseRejects").asInt()).isEqualTo(1);
        assertThat(json.at("/models/B/groundTruth/falseRejectRateCi95").size()).isEqualTo(2);
        assertThat(json.at("/models/A/groundTruth/aucCi95").size()).isEqualTo(2);
        assertThat(json.at("/flipsToDefect/0/sequence").asInt()).isEqualTo(1);
        assertThat(json.at("/flipsToDefect/0/onlyB/0/x").asInt()).isZero();
        assertThat(json.at("/flipsToDefect/0/a/decision").asText()).isEqualTo("OK");
        assertThat(json.at("/deadLetteredByBoth/0/reason").asText()).isEqualTo("empty-frame");
        assertThat(json.at("/requirements/0/passed").asBoolean()).isFalse();
        assertThat(json.at("/requirements/0/value").asInt()).isEqualTo(2);
        assertThat(json.get("passed").asBoolean()).isFalse();
        assertThat(json.get("frameResults")).hasSize(6);
        String page = Files.readString(html);
        assertThat(page).startsWith("<!DOCTYPE html>").contains("Promotion: <span class=\"fail\">FAIL")
                .contains("x 0, y 0, 64x64").doesNotContain("<script").doesNotContain("http");
    }

    @Test
    void usageErrorsExitTwoAndNameTheFlag() throws Exception {
        String rec = rec();
        assertThat(run("--recording", rec, "--model", "a", "--model", "b", "--require", "recall>=0.9")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown metric 'recall'");
        assertThat(run("--recording", rec, "--model", "a", "--require", "flips<=0")).isEqualTo(2);
        assertThat(err.toString()).contains("--model must be given exactly twice");
        assertThat(run("--recording", rec, "--model", "a", "--model", "b", "--threshold-b", "1.5")).isEqualTo(2);
        assertThat(err.toString()).contains("model B: setting model.threshold").contains("(change --threshold-b)");
        assertThat(run("--recording", tmp.resolve("nothing").toString(), "--model", "a", "--model", "b")).as(err.toString()).isEqualTo(2);
        assertThat(err.toString()).contains("--recording: ").contains("is not a recording");
    }

    @Test
    void aModelThatDoesNotLoadIsAUsageErrorNamingIt() throws Exception {
        CommandLine cli = new CommandLine(new CompareCommand(request -> {
            throw new IllegalArgumentException("no saved_model.pb in " + request.modelDir());
        }));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));

        assertThat(cli.execute("--recording", rec(), "--model", "gone", "--model", "b")).isEqualTo(2);
        assertThat(err.toString()).contains("model A (--model gone): no saved_model.pb in gone");
    }

    @Test
    void isTesseraModelCompareAndItsHelpExplainsEveryMetric() {
        CommandLine cli = TesseraCli.commandLine();
        StringWriter help = new StringWriter();
        cli.setOut(new PrintWriter(help, true));

        assertThat(cli.execute("model", "compare", "--help")).isZero();
        String text = help.toString();
        for (Metric m : Metric.values()) {
            assertThat(text).contains(m.key());
        }
        assertThat(text).contains("--require").contains("RULE = METRIC OP NUMBER").contains("Exit status")
                .contains("--threshold-b").contains("--html").contains("--json");
    }
}

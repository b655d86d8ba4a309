package io.tessera.model.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tessera.model.TestData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ModelCommandTest {

    private static String run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            int code = new CommandLine(new ModelCommand()).execute(args);
            assertThat(code).as("exit code of model " + String.join(" ", args)).isZero();
        } finally {
            System.setOut(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everySubcommandHasHelp() {
        for (String sub : new String[] {"info", "train", "export", "calibrate", "eval"}) {
            assertThat(run(sub, "--help")).contains("Usage: model " + sub).contains("--help");
        }
    }

    @Test
    void infoPrintsTheReferenceTable() {
        String out = run("info");
        assertThat(out).contains("ResNet18").contains("11.7 M").contains("ResNet34").contains("21.8 M")
                .contains("21,797,672").contains("ResNet152").contains("60.2 M");
    }

    @Test
    void evalOfTheShippedModelOnTheSamplesPrintsOneJsonObject() throws Exception {
        String out = run("eval", "--model", TestData.shippedModel().toString(), "--data", TestData.samples().toString(),
                "--precision", "fp32", "--json");
        JsonNode json = JsonMapper.builder().build().readTree(out.strip());
        assertThat(json.get("images").asInt()).isEqualTo(16);
        assertThat(json.get("goodImages").asInt()).isEqualTo(8);
        for (String field : new String[] {"falseRejectRate", "escapeRate", "auc", "threshold"}) {
            assertThat(json.get(field).isNumber()).as(field).isTrue();
        }
        assertThat(json.get("byPrecision").has("fp32")).isTrue();
    }
}

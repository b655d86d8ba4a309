package io.tessera.stream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class InspectCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new InspectCommand(request -> {
            throw new AssertionError("no model is loaded in these tests");
        }));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void flagsOverrideTheDefaultsAndPrintConfigShowsTheEffectiveSettings() {
        int code = run("--print-config", "--bootstrap", "broker:9093", "--batch-size", "16", "--precision", "bf16",
                "--set", "kafka.security.protocol=SASL_SSL", "--set", "kafka.sasl.jaas.config=secret");
        assertThat(code).isZero();
        assertThat(out.toString()).contains("kafka.bootstrap.servers=broker:9093", "batch.max-size=16",
                "model.precision=bf16", "kafka.security.protocol=SASL_SSL", "kafka.processing.guarantee=exactly_once_v2",
                "kafka.sasl.jaas.config=****").doesNotContain("secret");
    }

    @Test
    void aBadValueStopsTheStartWithAMessageNamingTheKey() {
        assertThat(run("--batch-wait-ms", "soon")).isEqualTo(2);
        assertThat(err.toString()).contains("batch.max-wait-ms").contains("'soon'");
    }

    @Test
    void anUnknownSettingIsRefused() {
        assertThat(run("--set", "batch.max-sise=8")).isEqualTo(2);
        assertThat(err.toString()).contains("batch.max-sise").contains("unknown setting");
    }

    @Test
    void helpExplainsEveryOption() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("--bootstrap", "--model", "--precision", "--batch-size", "--batch-wait-ms",
                "--budget-ms", "--threads", "--set", "--config", "TESSERA_INSPECT_", "kafka.");
    }
}

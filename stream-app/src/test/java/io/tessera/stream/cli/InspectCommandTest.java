package io.tessera.stream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.model.serving.PrecisionRejectedException;
import io.tessera.stream.app.ModelRequest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
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
    void aPrecisionThatFailsItsSelfCheckStopsTheStartNamingTheCheckAndTheSetting() {
        List<ModelRequest> asked = new ArrayList<>();
        CommandLine cli = new CommandLine(new InspectCommand(request -> {
            asked.add(request);
            throw new PrecisionRejectedException(null, "bf16 fails the precision self-check:"
                    + " 3 non-finite outputs at batch 45; set " + request.setting() + " to auto or fp32");
        }));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));

        int code = cli.execute("--precision", "bf16", "--set", "topics.create=false", "--set", "dashboard.enabled=false");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("tessera inspect: bf16 fails the precision self-check: 3 non-finite outputs"
                + " at batch 45", "set model.precision (--precision) to auto or fp32");
        assertThat(asked).singleElement().satisfies(r -> {
            assertThat(r.precisionLabel()).isEqualTo("bf16");
            assertThat(r.checkBatchSizes()).as("1, a frame's tiles, the largest batch").containsExactly(1, 45, 64);
        });
    }

    @Test
    void helpExplainsEveryOption() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("--bootstrap", "--model", "--precision", "--batch-size", "--batch-wait-ms",
                "--budget-ms", "--threads", "--set", "--config", "TESSERA_INSPECT_", "kafka.");
    }
}

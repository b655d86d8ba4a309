package io.tessera.bench;

import io.tessera.bench.ServingGraphBench;
import io.tessera.model.serving.CpuFeatures;
import io.tessera.model.serving.Precision;
import io.tessera.stream.config.ConfigLoader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tessera bench-graphs}: the model alone in each serving graph form, in one run. */
@Command(name = "bench-graphs", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Exports the model again in each serving graph form (batch-norm ops as trained; batch norm folded into the "
                    + "convolutions, with fp16 or fp32 weight storage) and measures each alone on the sample tiles, "
                    + "rounds interleaved so that other load on the machine falls on every form alike. Prints the "
                    + "median tiles/s and the median CPU time per tile (all of the process's threads; less disturbed by "
                    + "other work on a shared machine) of each form, and their ratios to the batch-norm graph.",
            "",
            "The model must be an export with batch-norm ops: its trained values are read back from it.",
            ""})
public final class BenchGraphsCommand implements Callable<Integer> {

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = {"-m", "--model"}, paramLabel = "DIR", description = "Model folder (default: model.path of 'inspect').")
    private Path model;

    @Option(names = "--precision", paramLabel = "fp32|bf16|fp16", defaultValue = "fp32",
            description = "Precision to run every form in (default ${DEFAULT-VALUE}).")
    private String precision;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "64", description = "Tiles per model call (default ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "3", description = "Interleaved rounds (default ${DEFAULT-VALUE}).")
    private int rounds;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "8",
            description = "Seconds per form and round, at least (default ${DEFAULT-VALUE}).")
    private int seconds;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Precision p;
        try {
            p = Precision.parse(precision);
            if (batch < 1 || rounds < 1 || seconds < 1) {
                throw new IllegalArgumentException("--batch, --rounds and --seconds must be >= 1");
            }
        } catch (IllegalArgumentException e) {
            err.println("tessera bench-graphs: " + e.getMessage());
            return 2;
        }
        Path dir = model != null ? model : ConfigLoader.load(null, System.getenv(), Map.of()).modelPath();
        Path work = Files.createTempDirectory("tessera-graphs");
        CpuFeatures cpu = CpuFeatures.current();
        out.printf("CPU: %s, %d cores; AMX-BF16 %s, AVX512-BF16 %s; %s, batches of %d, %d rounds of at least %d s%n",
                cpu.model(), Runtime.getRuntime().availableProcessors(), yes(cpu.flags().contains("amx_bf16")),
                yes(cpu.flags().contains("avx512_bf16")), p.label(), batch, rounds, seconds);
        out.flush();
        List<ServingGraphBench.Figure> figures = new ServingGraphBench(dir, work, p, out).run(batch, rounds,
                Duration.ofSeconds(seconds));
        double base = figures.get(0).median();
        double baseCpu = figures.get(0).cpuMsPerTile();
        for (ServingGraphBench.Figure f : figures) {
            out.printf("%-16s %7.1f tiles/s (median of %s)  ratio %.2f | %6.1f CPU ms/tile (median of %s)  ratio %.2f%n",
                    f.form().label(), f.median(), f.rounds().stream().map(r -> String.format("%.1f", r)).toList(),
                    f.median() / base, f.cpuMsPerTile(), f.cpuRounds().stream().map(r -> String.format("%.1f", r)).toList(),
                    baseCpu / f.cpuMsPerTile());
        }
        out.flush();
        return 0;
    }

    private static String yes(boolean b) {
        return b ? "yes" : "no";
    }
}

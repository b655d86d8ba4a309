package io.tessera.bench;

import io.tessera.ingest.sim.SampleImages;
import io.tessera.model.ModelCard;
import io.tessera.model.TileClassifier;
import io.tessera.model.export.SavedModelExporter;
import io.tessera.model.export.SavedModelValues;
import io.tessera.model.export.ServingGraph;
import io.tessera.model.export.WeightStorage;
import io.tessera.model.resnet.ResNetArchitecture;
import io.tessera.model.serving.DjlTileClassifier;
import io.tessera.model.serving.Precision;
import io.tessera.model.serving.ServingOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Model-alone throughput of one trained ResNet34 exported in each serving graph form (batch-norm
 * ops as trained, batch norm folded into the convolutions; fp16 or fp32 weight storage), in one
 * run on the sample tiles. Rounds are interleaved so that load from elsewhere on a shared machine
 * falls on every form alike; the median of the rounds is reported.
 */
public final class ServingGraphBench {

    /** One graph form to measure. */
    public record Form(String label, ServingGraph graph, WeightStorage storage) {
    }

    /** Median tiles/s and median CPU ms per tile of a form, with the rounds they came from. */
    public record Figure(Form form, double median, List<Double> rounds, double cpuMsPerTile, List<Double> cpuRounds) {
    }

    public static final List<Form> FORMS = List.of(
            new Form("batch-norm fp16", ServingGraph.BATCH_NORM, WeightStorage.FP16),
            new Form("folded fp16", ServingGraph.FOLDED, WeightStorage.FP16),
            new Form("folded fp32", ServingGraph.FOLDED, WeightStorage.FP32));

    private final Path model;
    private final Path workDir;
    private final Precision precision;
    private final PrintWriter progress;

    /**
     * @param model   a model exported with batch-norm ops (its trained values are read back)
     * @param workDir an empty folder for the exports
     */
    public ServingGraphBench(Path model, Path workDir, Precision precision, PrintWriter progress) {
        this.model = model;
        this.workDir = workDir;
        this.precision = precision;
        this.progress = progress;
    }

    public List<Figure> run(int batchSize, int rounds, Duration perMeasurement) throws IOException {
        Map<String, float[]> values = SavedModelValues.read(model, ResNetArchitecture.of(34));
        ModelCard card = ModelCard.read(model);
        Map<Form, TileClassifier> classifiers = new LinkedHashMap<>();
        Map<Form, List<Double>> rates = new LinkedHashMap<>();
        Map<Form, List<Double>> cpu = new LinkedHashMap<>();
        try {
            for (Form form : FORMS) {
                Path dir = workDir.resolve(form.label().replace(' ', '-'));
                progress.printf("exporting %s ...%n", form.label());
                progress.flush();
                SavedModelExporter.export(dir, ResNetArchitecture.of(34), values, form.storage(), form.graph());
                card.write(dir);
                classifiers.put(form, DjlTileClassifier.load(dir, ServingOptions.of(precision)));
                rates.put(form, new ArrayList<>());
                cpu.put(form, new ArrayList<>());
            }
            Map<Form, ModelBench> benches = new LinkedHashMap<>();
            classifiers.forEach((form, c) -> benches.put(form, ModelBench.fromSamples(c, card.tiling(), SampleImages.locate(),
                    Math.max(256, batchSize * 4))));
            for (int round = 1; round <= rounds; round++) {
                for (Form form : FORMS) {
                    ModelBench.Measurement m = benches.get(form).measure(batchSize, round == 1 ? 3 : 1, perMeasurement);
                    rates.get(form).add(m.tilesPerSecond());
                    cpu.get(form).add(m.cpuMsPerTile());
                    progress.printf("round %d/%d  %-16s %7.1f tiles/s  %6.1f CPU ms/tile%n", round, rounds, form.label(),
                            m.tilesPerSecond(), m.cpuMsPerTile());
                    progress.flush();
                }
            }
        } finally {
            classifiers.values().forEach(TileClassifier::close);
        }
        List<Figure> figures = new ArrayList<>();
        rates.forEach((form, r) -> figures.add(new Figure(form, median(r), List.copyOf(r), median(cpu.get(form)),
                List.copyOf(cpu.get(form)))));
        return figures;
    }

    static double median(List<Double> values) {
        double[] s = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}

package io.tessera.model.cli;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tessera.model.ModelCard;
import io.tessera.model.data.Augmentation;
import io.tessera.model.data.HardNegativeMining;
import io.tessera.model.export.ModelCards;
import io.tessera.model.export.SavedModelExporter;
import io.tessera.model.export.WeightStorage;
import io.tessera.model.resnet.ResNetArchitecture;
import io.tessera.model.serving.Precision;
import io.tessera.model.serving.SessionConfig;
import io.tessera.model.train.RunState;
import io.tessera.model.train.TrainConfig;
import io.tessera.model.train.Trainer;
import io.tessera.vision.Normalization;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tessera model export}: a SavedModel and card from a run's last checkpoint (a stopped or finished run). */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Exports the last checkpoint of a training run as a SavedModel with model-card.json.")
public final class ExportCommand implements Callable<Integer> {
    @Option(names = "--run", required = true, description = "Run folder of `model train` (holds state.json).")
    Path run;

    @Option(names = "--out", required = true, description = "Empty folder for the SavedModel and its card.")
    Path out;

    @Option(names = "--data", required = true, description = "The dataset the run trained on (recorded in the card).")
    Path data;

    @Option(names = "--name", defaultValue = "pitting-resnet34", description = "Model name in the card (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--storage", defaultValue = "fp16", description = "fp16 (half size) or fp32 weights (default: ${DEFAULT-VALUE}).")
    String storage;

    @Override
    public Integer call() throws Exception {
        RunState state = RunState.read(run).orElseThrow(() -> new IllegalArgumentException("run folder " + run
                + " has no " + RunState.FILE + ": expected the --run folder of a `model train`"));
        Map<String, Object> s = state.config();
        int depth = Integer.parseInt(s.get("depth").toString());
        TrainConfig config = new TrainConfig(data, run, depth, intOf(s, "tileSize"), intOf(s, "tileOverlap"),
                intOf(s, "inputSize"), intOf(s, "minDefectPixels"), intOf(s, "batchSize"),
                Long.parseLong(s.get("steps").toString()), Float.parseFloat(s.get("learningRate").toString()),
                Long.parseLong(s.get("warmupSteps").toString()), Float.parseFloat(s.get("weightDecay").toString()),
                Double.parseDouble(s.get("defectFraction").toString()), Long.parseLong(s.get("seed").toString()),
                Precision.BF16, 0, 1, augmentationOf(s.get("augmentation").toString()),
                normalizationOf(s.get("normalization")),
                hardNegativesOf(s));
        Map<String, float[]> values = Trainer.checkpointValues(run, depth, new SessionConfig(Precision.FP32, 0, 0));
        WeightStorage weights = WeightStorage.parse(storage);
        SavedModelExporter.export(out, ResNetArchitecture.of(depth), values, weights);
        Trainer.Result result = new Trainer.Result(state.step(), state.elapsedSeconds(), Double.NaN, Double.NaN, 0, 0,
                values);
        ModelCard card = ModelCards.fromTraining(name, config, result, weights);
        card.write(out);
        System.out.println("exported step " + state.step() + " of " + run + " to " + out);
        return 0;
    }

    /** The hard-negative mining a run stored; each setting is absent at its default (and in runs from before it). */
    static HardNegativeMining hardNegativesOf(Map<String, Object> stored) {
        return new HardNegativeMining(Double.parseDouble(stored.getOrDefault("hardNegativeShare", "0").toString()),
                HardNegativeMining.Source.parse(stored.getOrDefault("hardNegativeSource", "any").toString()));
    }

    /** The preset a run stored; runs from before the station preset stored only standard or none. */
    static Augmentation augmentationOf(String stored) {
        for (Augmentation a : new Augmentation[] {Augmentation.standard(), Augmentation.station(), Augmentation.none()}) {
            if (a.toString().equals(stored)) {
                return a;
            }
        }
        return stored.contains("true") ? Augmentation.standard() : Augmentation.none();
    }

    /**
     * The input normalisation a run stored, so the card makes serving feed the model what it
     * trained on; runs from before the option stored none and used the ImageNet statistics.
     */
    static Normalization normalizationOf(Object stored) {
        Normalization perTile = Normalization.perTile();
        if (stored != null && stored.toString().equals(perTile.toString())) {
            return perTile;
        }
        Normalization imagenet = Normalization.imagenet();
        if (stored == null || stored.toString().equals(imagenet.toString())) {
            return imagenet;
        }
        throw new IllegalArgumentException("the run stored an input normalisation this version does not know: "
                + stored);
    }

    private static int intOf(Map<String, Object> s, String key) {
        return Integer.parseInt(s.get(key).toString());
    }

    static String json(Object o) throws Exception {
        return JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(o);
    }
}

package io.tessera.model.export;

import io.tessera.model.ModelCard;
import io.tessera.model.data.Augmentation;
import io.tessera.model.data.HardNegativeMining;
import io.tessera.model.resnet.ResNetArchitecture;
import io.tessera.model.resnet.ResNetSize;
import io.tessera.model.train.TrainConfig;
import io.tessera.model.train.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Model cards for trained classifiers. */
public final class ModelCards {
    /** Until {@code model calibrate} has run: the plain 0.5 decision of a balanced classifier. */
    public static final double UNCALIBRATED_THRESHOLD = 0.5;

    private ModelCards() {
    }

    public static ModelCard fromTraining(String name, TrainConfig config, Trainer.Result result,
            WeightStorage storage) {
        ResNetSize info = ResNetSize.of(config.depth(), 2, config.inputSize());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("parameters", info.params());
        details.put("gflopsPerTile", round(info.gflops(), 3));
        details.put("weightStorage", storage.name().toLowerCase());
        details.put("signature", Map.of("key", SavedModelExporter.SIGNATURE, "tag", SavedModelExporter.TAG,
                "input", "float32 [batch, height, width, 3] NHWC, RGB, (pixel/255 - mean)/std",
                "output", "float32 [batch], softmax probability of the defect class"));
        details.put("tileLabel", "a tile is a defect when its mask holds at least " + config.minDefectPixels()
                + " defect pixels (frame pixels)");
        details.put("imageScore", "highest tile defect probability (io.tessera.vision.FrameScore)");
        details.put("training", training(config, result));
        details.put("data", data(config));
        details.put("calibration", Map.of("status", "not calibrated: threshold is the plain 0.5; run"
                + " `tessera model calibrate`"));
        return new ModelCard(name, Instant.now().toString().substring(0, 10) + "-step" + result.steps(),
                architecture(config.depth()),
                List.of("ok", "defect"), config.tileSize(), config.tileOverlap(), config.inputSize(),
                config.normalization().mean(), config.normalization().std(), config.normalization().scope().label(),
                UNCALIBRATED_THRESHOLD,
                SavedModelExporter.INPUT, SavedModelExporter.OUTPUT, details);
    }

    static String architecture(int depth) {
        ResNetArchitecture arch = ResNetArchitecture.of(depth);
        return arch.name() + ": " + (arch.bottleneck() ? "bottleneck" : "basic") + " blocks " + arch.stageBlocks()
                + ", batch norm, 2-class softmax head; TensorFlow SavedModel";
    }

    private static Map<String, Object> training(TrainConfig c, Trainer.Result r) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("framework", "TensorFlow 2.16.2 graph mode from Java (TF Java 1.0), trained from scratch (no pretrained"
                + " weights)");
        t.put("steps", r.steps());
        t.put("batchSize", c.batchSize());
        t.put("tilesSeen", r.steps() * c.batchSize());
        t.put("optimizer", "AdamW (beta1 0.9, beta2 0.999, eps 1e-8), weight decay " + c.weightDecay()
                + " on convolution and dense kernels");
        t.put("learningRate", "peak " + c.learningRate() + ", linear warm-up " + c.warmupSteps()
                + " steps, cosine decay to 1% of peak");
        t.put("classBalance", "each batch " + Math.round(c.defectFraction() * 100) + "% defect tiles");
        if (c.hardNegatives().enabled()) {
            t.put("hardNegatives", Math.round(c.hardNegatives().share() * 100)
                    + "% of good tiles drawn again from the good crops scored highest in training"
                    + (c.hardNegatives().source() == HardNegativeMining.Source.GOOD_IMAGES ? ", good images only" : ""));
        }
        t.put("augmentation", augmentation(c.augmentation()));
        t.put("precision", c.precision().label());
        t.put("seed", c.seed());
        t.put("wallClockSeconds", Math.round(r.elapsedSeconds()));
        t.put("hardware", hardware());
        if (!Double.isNaN(r.smoothedLoss())) {
            // known only to the run that trained (an export from a checkpoint has no batch history)
            t.put("finalSmoothedLoss", round(r.smoothedLoss(), 4));
            t.put("finalSmoothedBatchAccuracy", round(r.smoothedAccuracy(), 4));
            t.put("trainImages", r.trainImages());
            t.put("trainDefectImages", r.trainDefectImages());
        }
        return t;
    }

    static String augmentation(Augmentation a) {
        String text = "random crops (tile size +-" + Math.round(a.scaleJitter() * 100) + "%), "
                + (a.dihedral() ? "flips and 90-degree rotations, " : "") + "contrast +-"
                + Math.round(a.contrast() * 100) + "%, brightness +-" + Math.round(a.brightness() * 100) + "%";
        if (a.gamma() > 0 || a.colourGain() > 0 || a.blurChance() > 0 || a.noise() > 0) {
            text += ", gamma +-" + Math.round(a.gamma() * 100) + "%, colour gain +-" + Math.round(a.colourGain() * 100)
                    + "% per channel, Gaussian blur (sigma 0.5-2 px) on " + Math.round(a.blurChance() * 100)
                    + "% of tiles, noise up to " + Math.round(a.noise() * 255) + " grey levels";
        }
        return text;
    }

    private static Map<String, Object> data(TrainConfig c) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("dataset", c.data().getFileName() == null ? c.data().toString() : c.data().getFileName().toString());
        if (c.data().toString().contains("magnetic-tile")) {
            d.put("split", "by exposure group (io.tessera.model.data.GroupSplitter): index%5==0 TEST, 1 VALIDATION");
            d.put("source", "Magnetic-tile surface defect dataset, https://github.com/abin24/Magnetic-tile-defect-datasets.");
            d.put("licence", "no licence: research and evaluation only; these weights must not be shipped");
            return d;
        }
        d.put("split", "by group, never by image: TEST = locations 395000_270, 490000_180 and KGT groups at index%5==0;"
                + " VALIDATION = locations 305000_090, 517500_315 and KGT index%5==1; TRAIN = the rest"
                + " (io.tessera.model.data.GroupSplitter)");
        d.put("source", "BSData, https://github.com/2Obe/BSData (snapshot 7204b28a621733c01cd75899ed9ea27f6ea0b9e3)");
        d.put("citation", "T. Schlagenhauf, M. Landwehr, \"Industrial machine tool component surface defect dataset\","
                + " Data in Brief 39 (2021) 107643, doi:10.1016/j.dib.2021.107643");
        d.put("licence", "CC BY-SA 4.0 (the data, and this model as an adaptation of it)");
        return d;
    }

    public static String hardware() {
        String cpu = "unknown CPU";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: keep "unknown CPU"
        }
        return cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores (shared), no GPU";
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}

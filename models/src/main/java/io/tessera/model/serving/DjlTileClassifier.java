package io.tessera.model.serving;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.EngineException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.tensorflow.engine.TfSymbolBlock;
import ai.djl.translate.TranslateException;
import ai.djl.util.PairList;
import io.tessera.model.ModelCard;
import io.tessera.model.ServingPrecision;
import io.tessera.model.TileBatch;
import io.tessera.model.TileClassifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.exceptions.TensorFlowException;

/**
 * The defect classifier served through DJL's TensorFlow engine: the SavedModel loaded with
 * {@link Criteria}, one {@link Predictor} per calling thread (a predictor is not thread-safe),
 * the session configured for the chosen precision and thread pools. Everything it opened is
 * closed by {@link #close()}.
 */
public final class DjlTileClassifier implements TileClassifier {
    private static final Logger LOG = LoggerFactory.getLogger(DjlTileClassifier.class);

    private final ModelCard card;
    private final ZooModel<TileBatch, float[]> model;
    private final ThreadLocal<Predictor<TileBatch, float[]>> predictor;
    private final Queue<Predictor<TileBatch, float[]>> predictors = new ConcurrentLinkedQueue<>();
    private final SessionDevices devices;
    private final String precisionInUse;
    private final String label;

    private DjlTileClassifier(ModelCard card, ZooModel<TileBatch, float[]> model, SessionDevices devices,
            Precision requested) {
        this.card = card;
        this.model = model;
        this.devices = devices;
        this.precisionInUse = precisionInUse(requested, devices);
        this.label = labelInUse(requested, devices);
        this.predictor = ThreadLocal.withInitial(() -> {
            Predictor<TileBatch, float[]> p = model.newPredictor();
            predictors.add(p);
            return p;
        });
    }

    /**
     * Loads a model folder ({@code saved_model.pb}, {@code variables/}, {@code model-card.json}).
     *
     * @throws IllegalArgumentException naming the file and what was expected, when the model is
     *                                  missing, unreadable or does not have the expected signature
     */
    public static DjlTileClassifier load(Path modelDir, ServingOptions options) {
        checkFiles(modelDir);
        ModelCard card = ModelCard.read(modelDir);
        Criteria<TileBatch, float[]> criteria = Criteria.builder()
                .setTypes(TileBatch.class, float[].class)
                .optModelPath(modelDir)
                .optEngine("TensorFlow")
                // DJL's arrays stay on the host; TensorFlow's placer moves the work to a GPU if it has one
                .optDevice(Device.cpu())
                .optOption("Tags", "serve")
                .optOption("SignatureDefKey", "serving_default")
                .optOption("ConfigProto", options.sessionConfig().toBase64())
                .optTranslator(new TileTranslator(card))
                .build();
        ZooModel<TileBatch, float[]> model;
        try {
            model = criteria.loadModel();
        } catch (ModelNotFoundException | MalformedModelException | IOException | EngineException
                | TensorFlowException e) {
            throw new IllegalArgumentException("cannot load the SavedModel " + modelDir.resolve("saved_model.pb")
                    + " (with " + modelDir.resolve("variables") + "): expected a TensorFlow SavedModel with tag 'serve'"
                    + " and signature 'serving_default'; " + e.getMessage(), e);
        }
        try {
            checkSignature(modelDir, card, (TfSymbolBlock) model.getBlock());
            SessionDevices devices = SessionDevices.of(((TfSymbolBlock) model.getBlock()).getSavedModelBundle()
                    .getSession());
            DjlTileClassifier classifier = new DjlTileClassifier(card, model, devices, options.precision());
            String precision = classifier.precision();
            classifier.probe(modelDir);
            LOG.info("model {} {} from {}: device {}, precision {}, intra-op threads {}, inter-op threads {}",
                    card.name(), card.version(), modelDir, devices.computeDevice(), precision,
                    options.intraOpThreads() == 0 ? "auto" : options.intraOpThreads(),
                    options.interOpThreads() == 0 ? "auto" : options.interOpThreads());
            return classifier;
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private static void checkFiles(Path modelDir) {
        if (!Files.isDirectory(modelDir)) {
            throw new IllegalArgumentException("model folder " + modelDir + " does not exist: expected a SavedModel"
                    + " folder with saved_model.pb, variables/ and model-card.json");
        }
        Path graph = modelDir.resolve("saved_model.pb");
        if (!Files.isRegularFile(graph)) {
            throw new IllegalArgumentException("model file " + graph + " is missing: expected a TensorFlow SavedModel"
                    + " (saved_model.pb and variables/) in " + modelDir);
        }
        Path index = modelDir.resolve("variables").resolve("variables.index");
        if (!Files.isRegularFile(index)) {
            throw new IllegalArgumentException("model weights " + index + " are missing: expected the SavedModel's"
                    + " variables/ folder beside " + graph);
        }
    }

    private static void checkSignature(Path modelDir, ModelCard card, TfSymbolBlock block) {
        PairList<String, Shape> inputs = block.describeInput();
        PairList<String, Shape> outputs = block.describeOutput();
        Shape in = inputs.contains(card.inputName()) ? inputs.get(card.inputName()) : null;
        Shape out = outputs.contains(card.outputName()) ? outputs.get(card.outputName()) : null;
        if (in == null || in.dimension() != 4 || in.get(3) != 3 || out == null || out.dimension() != 1) {
            throw new IllegalArgumentException("model " + modelDir.resolve("saved_model.pb") + " has the wrong"
                    + " signature: expected input '" + card.inputName() + "' float32 [batch, height, width, 3] and output '"
                    + card.outputName() + "' float32 [batch] (as " + modelDir.resolve(ModelCard.FILE_NAME)
                    + " says), found inputs " + inputs + " and outputs " + outputs);
        }
    }

    /** One tile through the model at start, so a model that cannot run fails now, not on the first frame. */
    private void probe(Path modelDir) {
        int size = card.inputSize();
        float[] result;
        try {
            result = classify(new TileBatch(new float[size * size * 3], 1, size));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("model " + modelDir.resolve("saved_model.pb") + " fails on one "
                    + size + "x" + size + " tile (inputSize of " + modelDir.resolve(ModelCard.FILE_NAME) + "): "
                    + e.getMessage(), e);
        }
        if (result.length != 1 || !(result[0] >= 0 && result[0] <= 1)) {
            throw new IllegalArgumentException("model " + modelDir.resolve("saved_model.pb") + " returned "
                    + result.length + " values for one tile: expected one defect probability within [0, 1]");
        }
    }

    private static String precisionInUse(Precision requested, SessionDevices devices) {
        return switch (requested) {
            case FP32 -> "fp32";
            case BF16 -> devices.hasGpu()
                    ? "fp32 on the GPU (the bf16 rewrite applies to CPU ops only)"
                    : CpuFeatures.current().hasNativeBf16()
                            ? "bf16 (oneDNN rewrite on " + CpuFeatures.current().bf16Units() + ")"
                            : "bf16 emulated (this CPU has no bf16 units: slower than fp32)";
            case FP16 -> devices.hasGpu() ? "fp16 (auto mixed precision on the GPU)"
                    : "fp32 (the fp16 rewrite applies to GPUs only)";
        };
    }

    /** The short label of what really runs: a rewrite that does not apply to the device leaves fp32. */
    private static String labelInUse(Precision requested, SessionDevices devices) {
        return switch (requested) {
            case FP32 -> "fp32";
            case BF16 -> devices.hasGpu() ? "fp32" : "bf16";
            case FP16 -> devices.hasGpu() ? "fp16" : "fp32";
        };
    }

    /** Whether TensorFlow placed the model on a GPU. */
    public boolean onGpu() {
        return devices.hasGpu();
    }

    @Override
    public ModelCard card() {
        return card;
    }

    @Override
    public float[] classify(TileBatch batch) {
        try {
            float[] p = predictor.get().predict(batch);
            if (p.length != batch.count()) {
                throw new IllegalStateException("model " + card.name() + " returned " + p.length + " scores for "
                        + batch.count() + " tiles");
            }
            ModelOutputException.check(p, card.name(), precisionInUse);
            return p;
        } catch (TranslateException e) {
            throw new IllegalStateException("model " + card.name() + " failed on a batch of " + batch.count()
                    + " tiles: " + e.getMessage(), e);
        }
    }

    /** The device TensorFlow runs the model on (asked from the session). */
    public String device() {
        return devices.computeDevice();
    }

    @Override
    public ServingPrecision servingPrecision() {
        return new ServingPrecision(label, precisionInUse);
    }

    /** The precision really in use, with the reason where it differs from the request. */
    public String precision() {
        return precisionInUse;
    }

    @Override
    public void close() {
        Predictor<TileBatch, float[]> p;
        while ((p = predictors.poll()) != null) {
            p.close();
        }
        model.close();
    }
}

package io.tessera.model.train;

import io.tessera.model.data.DatasetIndex;
import io.tessera.model.data.HardNegativeMining;
import io.tessera.model.data.LabeledImage;
import io.tessera.model.data.LoadedImage;
import io.tessera.model.data.Split;
import io.tessera.model.data.TileLabelRule;
import io.tessera.model.data.TileSampler;
import io.tessera.model.resnet.ResNetArchitecture;
import io.tessera.model.serving.SessionConfig;
import io.tessera.vision.EdgePolicy;
import io.tessera.vision.TilingSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a ResNet defect classifier on tiles of the TRAIN groups of a dataset. Checkpoints go to
 * {@code <run>/checkpoints} every {@code checkpointEvery} steps and at the end; a run folder with
 * a {@code state.json} resumes from its last checkpoint. Each step's batch depends only on the
 * seed, the step number and the hard negatives remembered so far (stored with each checkpoint),
 * so a resumed run sees the same batches as an uninterrupted one. A stop request (Ctrl-C) ends the
 * run after the step in progress, with a checkpoint of that step.
 */
public final class Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
    private static final int PROGRESS_EVERY = 10;
    private static final int KEEP_CHECKPOINTS = 2;

    /** What a finished (or stopped) run produced. */
    public record Result(long steps, double elapsedSeconds, double smoothedLoss, double smoothedAccuracy,
            int trainImages, int trainDefectImages, Map<String, float[]> values) {
    }

    private final TrainConfig config;
    private final Consumer<String> progress;
    private final BooleanSupplier stopRequested;

    public Trainer(TrainConfig config, Consumer<String> progress) {
        this(config, progress, () -> false);
    }

    /**
     * @param stopRequested polled after each step and while decoding: once true, the run saves a
     *                      checkpoint of its last step and throws {@link CancellationException}
     */
    public Trainer(TrainConfig config, Consumer<String> progress, BooleanSupplier stopRequested) {
        this.config = config;
        this.progress = progress;
        this.stopRequested = stopRequested;
    }

    /**
     * Trains on the TRAIN groups of {@code config.data()} until {@code config.steps()} (or {@code stopAfter}).
     *
     * @throws CancellationException when stopped on request, after saving a checkpoint
     */
    public Result run(long stopAfter) throws IOException {
        DatasetIndex index = DatasetIndex.scan(config.data());
        List<LabeledImage> train = index.images(Split.TRAIN);
        progress.accept(String.format("dataset %s: %d images, %d in TRAIN groups (%d defect)", config.data(),
                index.images().size(), train.size(), train.stream().filter(LabeledImage::defect).count()));
        return run(stopAfter, train, null);
    }

    /**
     * Trains on the given images (a cross-validation fold's training groups) until
     * {@code config.steps()} (or {@code stopAfter}, whichever comes first) and returns the weights.
     *
     * @param trainSet names the image set in the run's settings, so a run folder cannot resume on
     *                 other images; null for the dataset's TRAIN groups
     * @throws CancellationException when stopped on request, after saving a checkpoint
     */
    public Result run(long stopAfter, List<LabeledImage> train, String trainSet) throws IOException {
        Files.createDirectories(config.runDir().resolve("checkpoints"));
        Optional<RunState> previous = RunState.read(config.runDir());
        Map<String, Object> settings = settings(config);
        if (trainSet != null) {
            settings.put("trainSet", trainSet);
        }
        if (previous.isPresent() && !withoutSteps(previous.get().config()).equals(withoutSteps(settings))) {
            throw new IllegalArgumentException("run folder " + config.runDir() + " holds a run with other settings "
                    + previous.get().config() + "; resume it with those settings or use a new --run folder");
        }
        TilingSpec tiling = new TilingSpec(config.tileSize(), config.tileOverlap(), config.inputSize(),
                EdgePolicy.SHIFT_INWARD);
        List<LoadedImage> loaded = new ArrayList<>(train.size());
        try {
            for (LabeledImage image : train) {
                if (stopRequested.getAsBoolean()) {
                    throw stopped(previous.map(RunState::step).orElse(0L), false);
                }
                loaded.add(LoadedImage.load(image));
                if (loaded.size() % 100 == 0 || loaded.size() == train.size()) {
                    progress.accept("decoded " + loaded.size() + "/" + train.size() + " training images");
                }
            }
            TileSampler sampler = new TileSampler(loaded, tiling, config.normalization(),
                    new TileLabelRule(config.minDefectPixels()), config.augmentation(), config.defectFraction(),
                    config.hardNegatives());
            return train(sampler, previous, settings, stopAfter, train);
        } finally {
            loaded.forEach(LoadedImage::close);
        }
    }

    private Result train(TileSampler sampler, Optional<RunState> previous, Map<String, Object> settings, long stopAfter,
            List<LabeledImage> train) throws IOException {
        AdamW adam = AdamW.defaults(config.weightDecay());
        LearningRateSchedule schedule = new LearningRateSchedule(config.learningRate(), config.warmupSteps(),
                config.steps(), 0.01f);
        SessionConfig sessionConfig = new SessionConfig(config.precision(), config.threads(), 0);
        try (TrainingGraph graph = TrainingGraph.build(ResNetArchitecture.of(config.depth()), 2, adam, config.seed());
                TrainingSession session = new TrainingSession(graph, adam, sessionConfig)) {
            long step = 0;
            double elapsedBefore = 0;
            if (previous.isPresent()) {
                session.restore(previous.get().checkpointPrefix(config.runDir()));
                sampler.restoreHardNegatives(previous.get().hardNegatives());
                step = previous.get().step();
                elapsedBefore = previous.get().elapsedSeconds();
                progress.accept("resumed from " + previous.get().checkpoint() + " at step " + step);
            } else {
                session.initialize();
            }
            long last = Math.min(config.steps(), stopAfter);
            ProgressLine line = new ProgressLine(step + 1, config.steps());
            long started = System.nanoTime();
            progress.accept(String.format("training ResNet%d on %d defect and %d good images, %dx%d tiles at %d px,"
                    + " batch %d, %s, steps %d..%d", config.depth(), sampler.defectImageCount(),
                    sampler.goodImageCount(), config.tileSize(), config.tileSize(), config.inputSize(),
                    config.batchSize(), config.precision().label(), step + 1, last));
            while (step < last) {
                step++;
                TileSampler.Batch batch = sampler.sample(config.batchSize(), batchRandom(step));
                float lr = schedule.at(step);
                TrainingSession.StepResult result = session.step(batch.pixels(), batch.labels(), batch.inputSize(), lr,
                        step);
                if (!Float.isFinite(result.loss())) {
                    throw new IllegalStateException("loss became " + result.loss() + " at step " + step
                            + ": lower --lr (now " + config.learningRate() + ")");
                }
                sampler.learn(batch, result.defectProbability());
                line.record(result.loss(), accuracy(result.defectProbability(), batch.labels()));
                if (step % PROGRESS_EVERY == 0 || step == last) {
                    progress.accept(line.render(step, config.batchSize(), lr));
                }
                boolean stopping = stopRequested.getAsBoolean();
                if (step % config.checkpointEvery() == 0 || step == last || stopping) {
                    checkpoint(session, sampler, step, elapsedBefore + (System.nanoTime() - started) / 1e9, settings);
                }
                if (stopping && step < last) {
                    throw stopped(step, true);
                }
            }
            double elapsed = elapsedBefore + (System.nanoTime() - started) / 1e9;
            return new Result(step, elapsed, line.loss(), line.accuracy(), train.size(),
                    (int) train.stream().filter(LabeledImage::defect).count(), session.modelValues());
        }
    }

    /** Loads the weights of a run's last checkpoint without training (export of a stopped run). */
    public static Map<String, float[]> checkpointValues(Path runDir, int depth, SessionConfig sessionConfig)
            throws IOException {
        RunState state = RunState.read(runDir).orElseThrow(() -> new IllegalArgumentException("run folder " + runDir
                + " has no " + RunState.FILE + ": expected the --run folder of a `model train`"));
        AdamW adam = AdamW.defaults(0);
        try (TrainingGraph graph = TrainingGraph.build(ResNetArchitecture.of(depth), 2, adam, 0);
                TrainingSession session = new TrainingSession(graph, adam, sessionConfig)) {
            session.restore(state.checkpointPrefix(runDir));
            return session.modelValues();
        }
    }

    private CancellationException stopped(long step, boolean saved) {
        String where = step == 0 ? "before its first step" : (saved ? "at step " + step + " (checkpointed)"
                : "at its checkpoint of step " + step);
        return new CancellationException("training stopped on request " + where + " of " + config.steps()
                + "; the same command resumes from there");
    }

    private SplittableRandom batchRandom(long step) {
        return new SplittableRandom(config.seed() * 0x9E3779B97F4A7C15L + step);
    }

    private static double accuracy(float[] probabilities, int[] labels) {
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            if ((probabilities[i] >= 0.5f ? 1 : 0) == labels[i]) {
                correct++;
            }
        }
        return (double) correct / labels.length;
    }

    private void checkpoint(TrainingSession session, TileSampler sampler, long step, double elapsed,
            Map<String, Object> settings) throws IOException {
        String relative = "checkpoints/step-" + step;
        session.save(config.runDir().resolve(relative));
        new RunState(step, relative, elapsed, settings, sampler.hardNegatives()).write(config.runDir());
        LOG.info("checkpoint at step {}", step);
        pruneCheckpoints(step);
    }

    private void pruneCheckpoints(long current) throws IOException {
        Path dir = config.runDir().resolve("checkpoints");
        try (Stream<Path> files = Files.list(dir)) {
            List<Long> steps = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("step-"))
                    .map(n -> n.substring(5, n.indexOf('.') < 0 ? n.length() : n.indexOf('.')))
                    .filter(s -> s.chars().allMatch(Character::isDigit) && !s.isEmpty())
                    .map(Long::parseLong).distinct().sorted().toList();
            for (int i = 0; i < steps.size() - KEEP_CHECKPOINTS; i++) {
                long old = steps.get(i);
                if (old == current) {
                    continue;
                }
                try (Stream<Path> stale = Files.list(dir)) {
                    for (Path p : stale.filter(p -> p.getFileName().toString().startsWith("step-" + old + ".")).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }

    /**
     * Settings compared on resume. The step count may change: a run can be extended or cut short
     * (the cosine schedule then bends to the new end from where it is).
     */
    private static Map<String, Object> withoutSteps(Map<String, Object> settings) {
        Map<String, Object> copy = new LinkedHashMap<>(settings);
        copy.remove("steps");
        return copy;
    }

    /** The settings that must not change within a run (precision, threads and the step count may). */
    public static Map<String, Object> settings(TrainConfig c) {
        // strings: the map is compared with its JSON round trip, where numbers may change type
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("depth", String.valueOf(c.depth()));
        s.put("tileSize", String.valueOf(c.tileSize()));
        s.put("tileOverlap", String.valueOf(c.tileOverlap()));
        s.put("inputSize", String.valueOf(c.inputSize()));
        s.put("minDefectPixels", String.valueOf(c.minDefectPixels()));
        s.put("batchSize", String.valueOf(c.batchSize()));
        s.put("steps", String.valueOf(c.steps()));
        s.put("learningRate", String.valueOf((double) c.learningRate()));
        s.put("warmupSteps", String.valueOf(c.warmupSteps()));
        s.put("weightDecay", String.valueOf((double) c.weightDecay()));
        s.put("defectFraction", String.valueOf(c.defectFraction()));
        s.put("seed", String.valueOf(c.seed()));
        s.put("augmentation", String.valueOf(c.augmentation().toString()));
        s.put("normalization", String.valueOf(c.normalization().toString()));
        // each absent at its default, so that runs stored before the option still match
        if (c.hardNegatives().enabled()) {
            s.put("hardNegativeShare", String.valueOf(c.hardNegatives().share()));
        }
        if (c.hardNegatives().source() != HardNegativeMining.Source.ANY) {
            s.put("hardNegativeSource", c.hardNegatives().source().label());
        }
        return s;
    }
}

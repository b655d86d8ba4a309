package io.tessera.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.model.TestData;
import io.tessera.model.data.Augmentation;
import io.tessera.model.data.DatasetIndex;
import io.tessera.model.data.HardNegativeMining;
import io.tessera.model.data.LoadedImage;
import io.tessera.model.data.TileLabelRule;
import io.tessera.model.data.TileSampler;
import io.tessera.model.resnet.ResNetArchitecture;
import io.tessera.model.serving.Precision;
import io.tessera.model.serving.SessionConfig;
import io.tessera.vision.EdgePolicy;
import io.tessera.vision.Normalization;
import io.tessera.vision.TilingSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingTest {
    private static final int SIZE = 64;
    private static final SessionConfig FP32 = new SessionConfig(Precision.FP32, 0, 0);
    private static final List<TileSampler.Batch> BATCHES = new ArrayList<>();

    @BeforeAll
    static void sampleRealTiles() {
        List<LoadedImage> images = TileSampler.load(DatasetIndex.scan(TestData.samples()).images());
        try {
            TileSampler sampler = new TileSampler(images, new TilingSpec(128, 0, SIZE, EdgePolicy.SHIFT_INWARD),
                    Normalization.imagenet(), new TileLabelRule(64), Augmentation.none(), 0.5);
            for (int i = 0; i < 6; i++) {
                BATCHES.add(sampler.sample(16, new SplittableRandom(i)));
            }
        } finally {
            images.forEach(LoadedImage::close);
        }
    }

    @Test
    void aFewResNet34StepsAt64PixelsLowerTheLoss() {
        AdamW adam = AdamW.defaults(0.05f);
        TileSampler.Batch batch = BATCHES.get(0);
        try (TrainingGraph graph = TrainingGraph.build(ResNetArchitecture.of(34), 2, adam, 1);
                TrainingSession session = new TrainingSession(graph, adam, FP32)) {
            session.initialize();
            float[] losses = new float[8];
            for (int step = 1; step <= losses.length; step++) {
                losses[step - 1] = session.step(batch.pixels(), batch.labels(), SIZE, 1e-3f, step).loss();
            }
            assertThat(losses[0]).isBetween(0.3f, 2f); // about ln 2 at the start
            assertThat(losses[7]).isLessThan(losses[0] * 0.7f);
        }
    }

    @Test
    void aRestoredCheckpointContinuesExactlyLikeTheUninterruptedRun(@TempDir Path dir) {
        AdamW adam = AdamW.defaults(0.05f);
        Map<String, float[]> uninterrupted;
        Path checkpoint = dir.resolve("step-3");
        try (TrainingGraph graph = TrainingGraph.build(ResNetArchitecture.of(18), 2, adam, 2);
                TrainingSession session = new TrainingSession(graph, adam, FP32)) {
            session.initialize();
            for (int step = 1; step <= 5; step++) {
                TileSampler.Batch b = BATCHES.get(step);
                session.step(b.pixels(), b.labels(), SIZE, 1e-3f, step);
                if (step == 3) {
                    session.save(checkpoint);
                }
            }
            uninterrupted = session.modelValues();
        }
        try (TrainingGraph graph = TrainingGraph.build(ResNetArchitecture.of(18), 2, adam, 99);
                TrainingSession session = new TrainingSession(graph, adam, FP32)) {
            session.restore(checkpoint);
            for (int step = 4; step <= 5; step++) {
                TileSampler.Batch b = BATCHES.get(step);
                session.step(b.pixels(), b.labels(), SIZE, 1e-3f, step);
            }
            Map<String, float[]> resumed = session.modelValues();
            assertThat(resumed.keySet()).isEqualTo(uninterrupted.keySet());
            for (String name : resumed.keySet()) {
                float[] a = resumed.get(name);
                float[] b = uninterrupted.get(name);
                for (int i = 0; i < a.length; i++) {
                    // multi-threaded float reductions are not bit-reproducible; a lost optimiser state or
                    // a missed step would show as differences of the order of the learning rate (1e-3)
                    assertThat(Math.abs(a[i] - b[i])).as(name).isLessThanOrEqualTo(1e-4f + 1e-4f * Math.abs(b[i]));
                }
            }
        }
    }

    /** ResNet18 at 64 px, batches of 4, 4 steps: the recipe of the resume and stop tests. */
    private static TrainConfig tinyRun(Path data, Path run, int checkpointEvery) {
        return new TrainConfig(data, run, 18, 128, 16, SIZE, 64, 4, 4, 1e-3f, 1, 0.05f, 0.5, 7, Precision.FP32, 0,
                checkpointEvery, Augmentation.standard(), Normalization.imagenet());
    }

    @Test
    void anInterruptedRunResumesFromItsLastCheckpoint(@TempDir Path dir) throws Exception {
        Path data = TestData.tinyTrainingSet(dir.resolve("data"));
        Path run = dir.resolve("run");
        TrainConfig config = tinyRun(data, run, 2);
        List<String> lines = new ArrayList<>();

        Trainer.Result first = new Trainer(config, lines::add).run(2);
        assertThat(first.steps()).isEqualTo(2);
        assertThat(RunState.read(run).orElseThrow().step()).isEqualTo(2);

        Trainer.Result second = new Trainer(config, lines::add).run(Long.MAX_VALUE);
        assertThat(second.steps()).isEqualTo(4);
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("resumed from checkpoints/step-2 at step 2"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("step 4/4").contains("img/s").contains("ETA"));
        assertThat(second.values()).containsKey("layer4_1_bn2_moving_variance");

        TrainConfig other = new TrainConfig(data, run, 18, 128, 16, SIZE, 64, 4, 4, 1e-3f, 1, 0.05f, 0.5, 7,
                Precision.FP32, 0, 2, Augmentation.standard(), Normalization.imagenet(),
                HardNegativeMining.share(0.25));
        assertThatThrownBy(() -> new Trainer(other, lines::add).run(4)).hasMessageContaining("other settings");
        TrainConfig otherBatch = new TrainConfig(data, run, 18, 128, 16, SIZE, 64, 8, 4, 1e-3f, 1, 0.05f, 0.5, 7,
                Precision.FP32, 0, 2, Augmentation.standard(), Normalization.imagenet());
        assertThatThrownBy(() -> new Trainer(otherBatch, lines::add).run(4)).hasMessageContaining("other settings");
    }

    @Test
    void aStopRequestEndsTheRunAfterTheStepInProgressWithACheckpointOfIt(@TempDir Path dir) throws Exception {
        Path data = TestData.tinyTrainingSet(dir.resolve("data"));
        Path run = dir.resolve("run");
        // checkpoints every 4 steps: a checkpoint at step 1 can only come from the stop
        TrainConfig config = tinyRun(data, run, 4);
        List<String> lines = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        Consumer<String> stopOnceTrainingStarts = line -> {
            lines.add(line);
            if (line.startsWith("training ResNet18")) {
                stop.set(true); // as Ctrl-C while the first step runs
            }
        };

        assertThatThrownBy(() -> new Trainer(config, stopOnceTrainingStarts, stop::get).run(Long.MAX_VALUE))
                .isInstanceOf(CancellationException.class)
                .hasMessage("training stopped on request at step 1 (checkpointed) of 4; the same command resumes"
                        + " from there");
        RunState state = RunState.read(run).orElseThrow();
        assertThat(state.step()).isEqualTo(1);
        assertThat(state.checkpoint()).isEqualTo("checkpoints/step-1");

        // stopped while decoding: no step is run and the checkpoint stays
        assertThatThrownBy(() -> new Trainer(config, lines::add, () -> true).run(Long.MAX_VALUE))
                .isInstanceOf(CancellationException.class)
                .hasMessageContaining("at its checkpoint of step 1 of 4");
        assertThat(RunState.read(run).orElseThrow().step()).isEqualTo(1);

        Trainer.Result resumed = new Trainer(config, lines::add, () -> false).run(Long.MAX_VALUE);
        assertThat(resumed.steps()).isEqualTo(4);
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("resumed from checkpoints/step-1 at step 1"));
    }

    @Test
    void aStopRequestBeforeTheFirstStepLeavesNoRunState(@TempDir Path dir) throws Exception {
        Path data = TestData.tinyTrainingSet(dir.resolve("data"));
        Path run = dir.resolve("run");
        TrainConfig config = tinyRun(data, run, 4);

        assertThatThrownBy(() -> new Trainer(config, line -> { }, () -> true).run(Long.MAX_VALUE))
                .isInstanceOf(CancellationException.class)
                .hasMessageContaining("before its first step of 4");
        assertThat(RunState.read(run)).isEmpty();
    }

    @Test
    void aRunWithHardNegativesStoresThemWithEachCheckpointAndResumesWithThem(@TempDir Path dir) throws Exception {
        Path data = TestData.tinyTrainingSet(dir.resolve("data"));
        Path run = dir.resolve("run");
        TrainConfig config = new TrainConfig(data, run, 18, 128, 16, SIZE, 64, 4, 4, 1e-3f, 1, 0.05f, 0.5, 7,
                Precision.FP32, 0, 2, Augmentation.standard(), Normalization.imagenet(),
                HardNegativeMining.share(0.5));
        List<String> lines = new ArrayList<>();

        new Trainer(config, lines::add).run(2);
        RunState atStep2 = RunState.read(run).orElseThrow();
        assertThat(atStep2.config()).containsEntry("hardNegativeShare", "0.5");
        // a fresh model scores about 0.5 everywhere: each good tile of the first steps is above the floor
        assertThat(atStep2.hardNegatives()).isNotEmpty().allSatisfy(e -> {
            assertThat(e.image()).matches("(ok|pitting)/01_2009\\d{8}_277500_315_crop_2\\.jpg");
            assertThat(e.probability()).isGreaterThanOrEqualTo(0.2f);
        });

        new Trainer(config, lines::add).run(Long.MAX_VALUE);
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("resumed from checkpoints/step-2 at step 2"));
        assertThat(RunState.read(run).orElseThrow().step()).isEqualTo(4);
    }
}

package io.tessera.model.serving;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The TensorFlow engine starts from the natives unpacked at build time, with DJL's downloads switched off. */
class NativesOfflineTest {

    @Test
    void theTensorFlowEngineLoadsFromTheLibraryPathWithoutDownloading() {
        assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
        Path natives = Path.of(System.getProperty("java.library.path").split(File.pathSeparator)[0]);
        assertThat(natives.resolve("libtensorflow_cc.so.2")).exists();

        Engine engine = Engine.getEngine("TensorFlow");
        assertThat(engine.getVersion()).startsWith("2.16");
        try (NDManager manager = engine.newBaseManager()) {
            NDArray sum = manager.create(new float[] {1, 2, 3}).add(manager.create(new float[] {10, 20, 30}));
            assertThat(sum.toFloatArray()).containsExactly(11, 22, 33);
        }
        // nothing was fetched into DJL's cache: the natives came from the library path
        Path cache = Path.of(System.getProperty("user.home"), ".djl.ai", "tensorflow");
        assertThat(Files.exists(cache) && cache.toFile().list().length > 0).isFalse();
    }

    @Test
    void bf16ConfigProtoIsTheVerifiedRewrite() {
        // RECIPES: Base64 of a ConfigProto with only the oneDNN bf16 rewrite on
        assertThat(new SessionConfig(Precision.BF16, 0, 0).toProto().getGraphOptions().getRewriteOptions()
                .getAutoMixedPrecisionOnednnBfloat16Value()).isEqualTo(1);
        assertThat(new SessionConfig(Precision.FP32, 2, 1).toProto().getIntraOpParallelismThreads()).isEqualTo(2);
    }
}

package io.tessera.bench;

import io.tessera.model.serving.DjlTileClassifier;
import io.tessera.model.serving.Precision;
import io.tessera.model.serving.ServingOptions;
import io.tessera.stream.config.ConfigLoader;
import io.tessera.stream.config.StreamAppConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The benchmark at one precision with the self-check bypassed, as the app served before it had
 * one: {@code UncheckedPrecisionBench <model dir> <precision> <frames>}. For the bf16 NaN notes in
 * models/README.md: it shows how many frames end UNKNOWN model-error in the real pipeline.
 */
public final class UncheckedPrecisionBench {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Precision precision = Precision.parse(args[1]);
        int frames = Integer.parseInt(args[2]);
        StreamAppConfig config = ConfigLoader.withOverrides(Map.of("model.path", dir.toString(),
                "model.precision", precision.label()));
        BenchPlan plan = new BenchPlan(frames, Duration.ZERO, 0, 0.7, 2, Duration.ofSeconds(2), 2048, 1080, List.of(), Duration.ZERO,
                Duration.ZERO, 0);
        List<BenchReport> reports = new Bench(config, plan,
                r -> DjlTileClassifier.load(dir, ServingOptions.of(precision)), Clock.systemUTC()).run(null,
                List.of(precision));
        System.out.println(BenchFormat.json(reports));
    }
}

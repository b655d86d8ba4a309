package io.tessera.stream.config;

import io.tessera.model.serving.Precision;
import io.tessera.stream.validate.CaptureWindow;
import io.tessera.vision.EdgePolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds the {@link StreamAppConfig} from, lowest precedence first: the documented defaults
 * ({@code config/stream-app.properties}, packaged in the jar), an optional file, environment
 * variables ({@code TESSERA_INSPECT_*}) and flags. Every value is checked here, and every error
 * names its key.
 */
public final class ConfigLoader {
    /** Where the packaged defaults live: a copy of {@code config/stream-app.properties}. */
    public static final String DEFAULTS_RESOURCE = "/io/tessera/stream/config/stream-app.properties";
    public static final String ENV_PREFIX = "TESSERA_INSPECT_";
    private static final String KAFKA = "kafka.";
    private static final Set<String> GUARANTEES = Set.of("exactly_once_v2", "at_least_once");

    private ConfigLoader() {
    }

    /** The packaged defaults, key by key. */
    public static Map<String, String> defaults() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("defaults " + DEFAULTS_RESOURCE + " are missing from the jar");
            }
            Properties props = new Properties();
            props.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return toMap(props);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The effective settings, defaults overlaid by the file, the environment and the flags.
     *
     * @param file  a properties file, or null
     * @param env   the process environment (only {@code TESSERA_INSPECT_*} entries are read)
     * @param flags settings from the command line, by key
     */
    public static Map<String, String> merge(Path file, Map<String, String> env, Map<String, String> flags) {
        Map<String, String> defaults = defaults();
        Map<String, String> merged = new TreeMap<>(defaults);
        if (file != null) {
            overlay(merged, readFile(file), defaults.keySet(), "file " + file);
        }
        overlay(merged, fromEnvironment(env, defaults.keySet()), defaults.keySet(), "environment");
        overlay(merged, flags, defaults.keySet(), "flags");
        return merged;
    }

    public static StreamAppConfig load(Path file, Map<String, String> env, Map<String, String> flags) {
        return parse(merge(file, env, flags));
    }

    /** The defaults with some settings replaced: what tests and the benchmark start from. */
    public static StreamAppConfig withOverrides(Map<String, String> overrides) {
        return load(null, Map.of(), overrides);
    }

    /** Checks and types a full set of settings. */
    public static StreamAppConfig parse(Map<String, String> s) {
        Map<String, String> kafka = new TreeMap<>();
        s.forEach((k, v) -> {
            if (k.startsWith(KAFKA) && v != null && !v.isBlank()) {
                kafka.put(k.substring(KAFKA.length()), v.trim());
            }
        });
        requireText(kafka, "bootstrap.servers");
        requireText(kafka, "application.id");
        String guarantee = kafka.get("processing.guarantee");
        if (guarantee == null || !GUARANTEES.contains(guarantee)) {
            throw new ConfigException("kafka.processing.guarantee", "must be one of " + GUARANTEES + ", got '" + guarantee + "'");
        }
        int threads = intValue(s, "kafka.num.stream.threads", 1, 64);
        kafka.put("num.stream.threads", Integer.toString(threads));

        String create = text(s, "topics.create").toLowerCase(Locale.ROOT);
        if (!create.equals("true") && !create.equals("false")) {
            throw new ConfigException("topics.create", "must be true or false, got '" + create + "'");
        }
        intValue(s, "topics.partitions", 1, 10_000); // used by the inspect command when it creates topics

        int maxFrameBytes = intValue(s, "frames.max-bytes", 1, Integer.MAX_VALUE);
        String maxRequest = kafka.get("producer.max.request.size");
        if (maxRequest != null) {
            long request = longOf("kafka.producer.max.request.size", maxRequest);
            if (request <= maxFrameBytes) {
                throw new ConfigException("kafka.producer.max.request.size", "is " + request + " but must exceed frames.max-bytes ("
                        + maxFrameBytes + "): dead letters carry the original frame plus headers");
            }
        }

        Precision precision = null; // auto: the model module measures the candidates at load and keeps fp32 unless one passes
        String precisionText = text(s, "model.precision");
        if (!precisionText.equalsIgnoreCase("auto")) {
            try {
                precision = Precision.parse(precisionText);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("model.precision", "must be auto, fp32, bf16 or fp16, got '" + precisionText + "'");
            }
        }
        Double threshold = null;
        String thresholdText = optional(s, "model.threshold");
        if (thresholdText != null) {
            threshold = doubleOf("model.threshold", thresholdText);
            if (!(threshold > 0 && threshold <= 1)) {
                throw new ConfigException("model.threshold", "must be within (0, 1], got " + threshold);
            }
        }
        String modelPath = text(s, "model.path");

        EdgePolicy edge;
        String edgeText = text(s, "tiling.edge-policy").toUpperCase(Locale.ROOT).replace('-', '_');
        try {
            edge = EdgePolicy.valueOf(edgeText);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("tiling.edge-policy", "must be SHIFT_INWARD or PAD, got '" + edgeText + "'");
        }
        TilingOverrides tiling = new TilingOverrides(optionalInt(s, "tiling.tile-size", 8, 16_384),
                optionalInt(s, "tiling.overlap", 0, 16_383), optionalInt(s, "tiling.input-size", 8, 4096), edge);

        BatchSettings batch = new BatchSettings(intValue(s, "batch.max-size", 1, 4096),
                Duration.ofMillis(intValue(s, "batch.max-wait-ms", 0, 60_000)),
                Duration.ofMillis(intValue(s, "batch.timeout-ms", 1, 3_600_000)),
                intValue(s, "batch.min-efficient-size", 1, 4096), intValue(s, "batch.max-queued-tiles", 1, 1_000_000),
                intValue(s, "batch.worker-max-restarts", 0, 1000),
                Duration.ofMillis(intValue(s, "batch.worker-restart-backoff-ms", 0, 600_000)));
        Duration budget = Duration.ofMillis(intValue(s, "inspection.budget-ms", 0, 3_600_000));
        Duration window = Duration.ofMillis(intValue(s, "alerts.reject-window-ms", 1, 3_600_000));

        requireBelowTransactionTimeout(kafka, budget, batch.timeout());

        long maxPixels = intValue(s, "frames.max-pixels", 1, Integer.MAX_VALUE);
        CaptureWindow captureWindow = new CaptureWindow(Duration.ofDays(intValue(s, "frames.capture-max-age-days", 1, 36_500)),
                Duration.ofMillis(intValue(s, "frames.capture-max-ahead-ms", 0, 86_400_000)));
        return new StreamAppConfig(s.getOrDefault("topics.prefix", "").trim(), maxFrameBytes, maxPixels, Path.of(modelPath),
                precision, threshold, tiling, batch, budget, window, booleanValue(s, "inspection.decode-reduced"),
                new AdmissionSettings(booleanValue(s, "inspection.admission"), doubleValue(s, "inspection.admission-smoothing"),
                        doubleValue(s, "inspection.admission-safety")), kafka, captureWindow, shadow(s));
    }

    /**
     * Under exactly-once a frame's work happens inside a transaction: a frame held longer than
     * the transaction timeout has its transaction aborted, comes back, is held again, and its
     * partition stalls for good. So whatever can hold a frame must end first.
     */
    private static void requireBelowTransactionTimeout(Map<String, String> kafka, Duration budget, Duration batchTimeout) {
        String guarantee = kafka.getOrDefault("processing.guarantee", "at_least_once");
        if (!guarantee.startsWith("exactly_once")) {
            return;
        }
        String txText = kafka.get("producer.transaction.timeout.ms");
        // Kafka Streams' own default under exactly-once.
        long tx = txText == null ? 10_000 : longOf("kafka.producer.transaction.timeout.ms", txText);
        if (budget.toMillis() >= tx) {
            throw new ConfigException("inspection.budget-ms", "is " + budget.toMillis() + " ms, not below"
                    + " kafka.producer.transaction.timeout.ms (" + tx + " ms): a frame held that long aborts its transaction"
                    + " and comes back forever; lower it or raise the transaction timeout");
        }
        if (batchTimeout.toMillis() >= tx) {
            throw new ConfigException("batch.timeout-ms", "is " + batchTimeout.toMillis() + " ms, not below"
                    + " kafka.producer.transaction.timeout.ms (" + tx + " ms): a frame held that long aborts its transaction"
                    + " and comes back forever; lower it or raise the transaction timeout");
        }
    }

    /** {@code TESSERA_INSPECT_MODEL_PATH} -> {@code model.path}; kafka keys map '_' to '.'. */
    static Map<String, String> fromEnvironment(Map<String, String> env, Set<String> knownKeys) {
        Map<String, String> byEnvName = new LinkedHashMap<>();
        for (String key : knownKeys) {
            byEnvName.put(envName(key), key);
        }
        Map<String, String> out = new LinkedHashMap<>();
        env.forEach((name, value) -> {
            if (!name.startsWith(ENV_PREFIX)) {
                return;
            }
            String known = byEnvName.get(name);
            if (known != null) {
                out.put(known, value);
            } else if (name.startsWith(ENV_PREFIX + "KAFKA_")) {
                out.put(KAFKA + name.substring(ENV_PREFIX.length() + "KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.'),
                        value);
            } else {
                throw new ConfigException(name, "environment variable matches no setting (see config/stream-app.properties)");
            }
        });
        return out;
    }

    public static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static void overlay(Map<String, String> target, Map<String, String> layer, Set<String> known, String source) {
        layer.forEach((k, v) -> {
            String key = k.trim();
            if (!known.contains(key) && !key.startsWith(KAFKA)) {
                throw new ConfigException(key, "unknown setting (from " + source + "); see config/stream-app.properties");
            }
            target.put(key, v == null ? "" : v.trim());
        });
    }

    private static Map<String, String> readFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("--config", "file " + file + " does not exist");
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Properties props = new Properties();
            props.load(reader);
            return toMap(props);
        } catch (IOException e) {
            throw new ConfigException("--config", "cannot read " + file + ": " + e.getMessage());
        }
    }

    private static Map<String, String> toMap(Properties props) {
        Map<String, String> map = new TreeMap<>();
        for (String name : props.stringPropertyNames()) {
            map.put(name, props.getProperty(name).trim());
        }
        return map;
    }

    private static void requireText(Map<String, String> kafka, String key) {
        if (kafka.get(key) == null || kafka.get(key).isBlank()) {
            throw new ConfigException(KAFKA + key, "is required");
        }
    }

    private static String text(Map<String, String> s, String key) {
        String v = s.get(key);
        if (v == null || v.isBlank()) {
            throw new ConfigException(key, "is required");
        }
        return v.trim();
    }

    private static String optional(Map<String, String> s, String key) {
        String v = s.get(key);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static ShadowSettings shadow(Map<String, String> s) {
        String path = optional(s, "model.shadow.path");
        String thresholdText = optional(s, "model.shadow.threshold");
        Double threshold = null;
        if (thresholdText != null) {
            threshold = doubleOf("model.shadow.threshold", thresholdText);
            if (!(threshold > 0 && threshold <= 1)) {
                throw new ConfigException("model.shadow.threshold", "must be within (0, 1], got " + threshold);
            }
        }
        return new ShadowSettings(path == null ? null : Path.of(path), threshold,
                intValue(s, "model.shadow.max-waiting-frames", 1, 1000), intValue(s, "model.shadow.chunk-tiles", 1, 4096));
    }

    private static int intValue(Map<String, String> s, String key, int min, int max) {
        long v = longOf(key, text(s, key));
        if (v < min || v > max) {
            throw new ConfigException(key, "must be within " + min + ".." + max + ", got " + v);
        }
        return (int) v;
    }

    private static boolean booleanValue(Map<String, String> s, String key) {
        String v = text(s, key).toLowerCase(Locale.ROOT);
        return switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigException(key, "must be true or false, got '" + v + "'");
        };
    }

    private static double doubleValue(Map<String, String> s, String key) {
        return doubleOf(key, text(s, key));
    }

    private static Integer optionalInt(Map<String, String> s, String key, int min, int max) {
        return optional(s, key) == null ? null : intValue(s, key, min, max);
    }

    private static long longOf(String key, String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "must be an integer, got '" + text + "'");
        }
    }

    private static double doubleOf(String key, String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "must be a number, got '" + text + "'");
        }
    }
}

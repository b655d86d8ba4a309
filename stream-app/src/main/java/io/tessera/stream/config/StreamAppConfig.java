package io.tessera.stream.config;

import io.tessera.model.ModelCard;
import io.tessera.model.serving.Precision;
import io.tessera.protocol.ThresholdSource;
import io.tessera.protocol.Topics;
import io.tessera.stream.validate.CaptureWindow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The stream app's typed configuration, built by {@link ConfigLoader} from the layered
 * sources and checked there key by key.
 *
 * @param precision         inference precision, or null for auto (the fastest precision that passes the self-check on the reference tiles, else fp32)
 * @param thresholdOverride the decision threshold, or null for the model card's
 * @param budget            a frame's budget from capture time; zero means none
 * @param rejectWindow      alerts' deadline after capture time
 * @param reducedDecode     decode JPEG frames at the reduced size the tiling allows
 * @param admission         admission control before decoding
 * @param kafka             Kafka Streams and client settings, passed through as they are
 * @param shadow            a candidate model scored beside the live one, or none
 */
public record StreamAppConfig(
        String topicPrefix,
        int maxFrameBytes,
        long maxPixels,
        Path modelPath,
        Precision precision,
        Double thresholdOverride,
        TilingOverrides tiling,
        BatchSettings batch,
        Duration budget,
        Duration rejectWindow,
        boolean reducedDecode,
        AdmissionSettings admission,
        Map<String, String> kafka,
        CaptureWindow captureWindow,
        ShadowSettings shadow) {

    public StreamAppConfig {
        kafka = Map.copyOf(kafka);
        if (budget.isNegative()) {
            throw new ConfigException("inspection.budget-ms", "must be >= 0 (0 = no budget)");
        }
        if (rejectWindow.isNegative() || rejectWindow.isZero()) {
            throw new ConfigException("alerts.reject-window-ms", "must be > 0");
        }
    }

    public Topics topics() {
        return Topics.withPrefix(topicPrefix, maxFrameBytes);
    }

    public boolean hasBudget() {
        return !budget.isZero();
    }

    public double threshold(ModelCard card) {
        return thresholdOverride != null ? thresholdOverride : card.threshold();
    }

    /** Where {@link #threshold(ModelCard)} comes from: model.threshold, or the card. */
    public ThresholdSource thresholdSource() {
        return thresholdOverride != null ? ThresholdSource.OVERRIDE : ThresholdSource.MODEL;
    }

    public String applicationId() {
        return kafka.get("application.id");
    }

    public String bootstrapServers() {
        return kafka.get("bootstrap.servers");
    }

    /**
     * The settings a plain client (not Kafka Streams) needs: where the cluster is and how to
     * authenticate. Streams-only settings would only earn "unknown config" warnings.
     */
    public Map<String, String> clientSettings() {
        Map<String, String> out = new TreeMap<>();
        kafka.forEach((k, v) -> {
            if (k.equals("bootstrap.servers") || k.equals("client.dns.lookup") || k.startsWith("security.")
                    || k.startsWith("sasl.") || k.startsWith("ssl.")) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** {@link #clientSettings()} as client properties. */
    public Properties clientProperties() {
        Properties props = new Properties();
        props.putAll(clientSettings());
        return props;
    }

    /** Kafka Streams properties: the kafka.* settings without their prefix. */
    public Properties streamsProperties() {
        Properties props = new Properties();
        props.putAll(kafka);
        return props;
    }

    /** A copy with some Kafka settings replaced (tests and the benchmark point it at their broker). */
    public StreamAppConfig withKafka(Map<String, String> overrides) {
        Map<String, String> merged = new TreeMap<>(kafka);
        merged.putAll(overrides);
        return new StreamAppConfig(topicPrefix, maxFrameBytes, maxPixels, modelPath, precision, thresholdOverride, tiling, batch,
                budget, rejectWindow, reducedDecode, admission, merged, captureWindow, shadow);
    }

    public StreamAppConfig withBatch(BatchSettings newBatch) {
        return new StreamAppConfig(topicPrefix, maxFrameBytes, maxPixels, modelPath, precision, thresholdOverride, tiling, newBatch,
                budget, rejectWindow, reducedDecode, admission, kafka, captureWindow, shadow);
    }

    public StreamAppConfig withBudget(Duration newBudget) {
        return new StreamAppConfig(topicPrefix, maxFrameBytes, maxPixels, modelPath, precision, thresholdOverride, tiling, batch,
                newBudget, rejectWindow, reducedDecode, admission, kafka, captureWindow, shadow);
    }

    public StreamAppConfig withModel(Path newModelPath, Precision newPrecision) {
        return new StreamAppConfig(topicPrefix, maxFrameBytes, maxPixels, newModelPath, newPrecision, thresholdOverride, tiling,
                batch, budget, rejectWindow, reducedDecode, admission, kafka, captureWindow, shadow);
    }

    public StreamAppConfig withAdmission(AdmissionSettings newAdmission) {
        return new StreamAppConfig(topicPrefix, maxFrameBytes, maxPixels, modelPath, precision, thresholdOverride, tiling, batch,
                budget, rejectWindow, reducedDecode, newAdmission, kafka, captureWindow, shadow);
    }

    public StreamAppConfig withTopicPrefix(String prefix) {
        return new StreamAppConfig(prefix, maxFrameBytes, maxPixels, modelPath, precision, thresholdOverride, tiling, batch,
                budget, rejectWindow, reducedDecode, admission, kafka, captureWindow, shadow);
    }
}

package io.tessera.protocol;

import org.apache.kafka.common.serialization.Serdes;

/**
 * The model lifecycle topics of one site: {@code <prefix>models}, compacted, application id -> the
 * {@link ModelDeployment} it should serve; {@code <prefix>models.status}, application id/instance ->
 * {@link DeploymentStatus}; {@code <prefix>verdicts.shadow}, camera id -> a shadow model's verdict
 * on a frame the live model decided (never read by gates or alert consumers); {@code <prefix>thresholds},
 * compacted, application id/camera id -> the camera's taught {@link CameraThreshold} (a tombstone forgets it).
 */
public record ModelTopics(TopicDescriptor<String, ModelDeployment> deployments, TopicDescriptor<String, DeploymentStatus> status,
                          TopicDescriptor<String, Verdict> shadowVerdicts, TopicDescriptor<String, CameraThreshold> thresholds) {
    public static final String DEPLOYMENTS = "models";
    public static final String STATUS = "models.status";
    public static final String SHADOW_VERDICTS = "verdicts.shadow";
    public static final String THRESHOLDS = "thresholds";

    public static ModelTopics withPrefix(String prefix) {
        String p = prefix == null ? "" : prefix;
        return new ModelTopics(new TopicDescriptor<>(p + DEPLOYMENTS, Serdes.String(), new JsonSerde<>(ModelDeployment.class)),
                new TopicDescriptor<>(p + STATUS, Serdes.String(), new JsonSerde<>(DeploymentStatus.class)),
                new TopicDescriptor<>(p + SHADOW_VERDICTS, Serdes.String(), new JsonSerde<>(Verdict.class)),
                new TopicDescriptor<>(p + THRESHOLDS, Serdes.String(), new JsonSerde<>(CameraThreshold.class)));
    }
}

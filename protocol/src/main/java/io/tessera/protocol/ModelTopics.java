package io.tessera.protocol;

import org.apache.kafka.common.serialization.Serdes;

/**
 * The model control topics of one site: {@code <prefix>models}, compacted, application id -> the
 * {@link ModelDeployment} it should serve; {@code <prefix>models.status}, application id/instance ->
 * {@link DeploymentStatus}.
 */
public record ModelTopics(TopicDescriptor<String, ModelDeployment> deployments, TopicDescriptor<String, DeploymentStatus> status) {
    public static final String DEPLOYMENTS = "models";
    public static final String STATUS = "models.status";

    public static ModelTopics withPrefix(String prefix) {
        String p = prefix == null ? "" : prefix;
        return new ModelTopics(new TopicDescriptor<>(p + DEPLOYMENTS, Serdes.String(), new JsonSerde<>(ModelDeployment.class)),
                new TopicDescriptor<>(p + STATUS, Serdes.String(), new JsonSerde<>(DeploymentStatus.class)));
    }
}

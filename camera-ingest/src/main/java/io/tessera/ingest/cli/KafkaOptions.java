package io.tessera.ingest.cli;

import io.tessera.protocol.FrameBytesSerde;
import io.tessera.protocol.Topics;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where the frames topic is. */
public final class KafkaOptions {
    @Option(names = "--bootstrap", paramLabel = "HOST:PORT[,...]",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).", defaultValue = "localhost:9092")
    String bootstrap;

    @Option(names = "--topic-prefix", paramLabel = "PREFIX",
            description = "Prefix of the site's topic names, e.g. 'plant1.' gives plant1.frames (default: none).",
            defaultValue = "")
    String topicPrefix;

    @Option(names = "--max-frame-bytes", paramLabel = "BYTES",
            description = "Largest frame accepted by the frames topic's serde (default: ${DEFAULT-VALUE}, 16 MiB).",
            defaultValue = "" + FrameBytesSerde.DEFAULT_MAX_FRAME_BYTES)
    int maxFrameBytes;

    @Option(names = "--client-config", paramLabel = "FILE",
            description = "Kafka client properties (security settings, secrets) read from this file rather than typed "
                    + "on the command line; environment variables TESSERA_KAFKA_<KEY> (e.g. TESSERA_KAFKA_SASL_JAAS_CONFIG) "
                    + "win over it, --producer-prop/--consumer-prop over both.")
    Path clientConfig;

    /** Settings from --client-config and TESSERA_KAFKA_* variables. */
    Map<String, String> clientProperties() {
        return ClientProperties.read(clientConfig, System.getenv());
    }

    Topics topics() {
        return Topics.withPrefix(topicPrefix, maxFrameBytes);
    }
}

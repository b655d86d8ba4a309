package io.tessera.testing.kafka;

import io.tessera.kafka.local.ExternalKafkaCluster;
import io.tessera.kafka.local.KafkaCluster;
import io.tessera.kafka.local.KafkaClusterException;
import io.tessera.kafka.local.LocalKafka;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a real Kafka cluster as a {@link KafkaCluster} parameter, one per test JVM, stopped
 * when the test run ends:
 * <ol>
 *   <li>the cluster at {@code KAFKA_BOOTSTRAP} (environment) or {@code -Dkafka.bootstrap} when set;</li>
 *   <li>a Kafka container when asked for with {@code -Dkafka.testcontainers=true} (needs a Docker
 *       engine: without one, the tests fail saying so);</li>
 *   <li>otherwise a {@link LocalKafka} child broker, which needs no Docker engine.</li>
 * </ol>
 * A broker that cannot start fails every test that asks for it, with the reason; tests are never
 * skipped.
 *
 * <pre>{@code
 * @ExtendWith(KafkaBrokerExtension.class)
 * class FramesIT {
 *     @Test void roundTrip(KafkaCluster kafka) { kafka.createTopics(1, "frames"); ... }
 * }
 * }</pre>
 */
public final class KafkaBrokerExtension implements ParameterResolver {

    public static final String BOOTSTRAP_ENV = "KAFKA_BOOTSTRAP";
    public static final String BOOTSTRAP_PROPERTY = "kafka.bootstrap";
    public static final String TESTCONTAINERS_PROPERTY = "kafka.testcontainers";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaBrokerExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == KafkaCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        SharedBroker shared = extensionContext.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedBroker.class, key -> SharedBroker.start(), SharedBroker.class);
        return shared.cluster();
    }

    /**
     * The one broker of this test JVM, or why it could not start (remembered, so that a broken
     * setup fails each test at once instead of retrying a slow start). JUnit closes AutoCloseable
     * values of the root store when the run ends.
     */
    static final class SharedBroker implements AutoCloseable {

        private final KafkaCluster cluster;
        private final AutoCloseable closeable;
        private final RuntimeException failure;

        private SharedBroker(KafkaCluster cluster, AutoCloseable closeable, RuntimeException failure) {
            this.cluster = cluster;
            this.closeable = closeable;
            this.failure = failure;
        }

        static SharedBroker start() {
            return start(System.getProperty(BOOTSTRAP_PROPERTY), System.getenv(BOOTSTRAP_ENV),
                    Boolean.getBoolean(TESTCONTAINERS_PROPERTY));
        }

        static SharedBroker start(String fromProperty, String fromEnv, boolean testcontainers) {
            try {
                if (fromProperty != null && !fromProperty.isBlank()) {
                    ExternalKafkaCluster c = ExternalKafkaCluster.connect(fromProperty, "-D" + BOOTSTRAP_PROPERTY,
                            Duration.ofSeconds(30), Clock.systemUTC());
                    return new SharedBroker(c, c, null);
                }
                if (fromEnv != null && !fromEnv.isBlank()) {
                    ExternalKafkaCluster c = ExternalKafkaCluster.connect(fromEnv, BOOTSTRAP_ENV,
                            Duration.ofSeconds(30), Clock.systemUTC());
                    return new SharedBroker(c, c, null);
                }
                if (testcontainers) {
                    ContainerKafka container = ContainerKafka.start();
                    return new SharedBroker(container.cluster(), container, null);
                }
                LocalKafka local = LocalKafka.start();
                return new SharedBroker(local, local, null);
            } catch (RuntimeException e) {
                return new SharedBroker(null, null, e);
            }
        }

        KafkaCluster cluster() {
            if (failure != null) {
                throw new ParameterResolutionException("no Kafka broker for this test: " + failure.getMessage(), failure);
            }
            return cluster;
        }

        @Override
        public void close() {
            if (closeable == null) {
                return;
            }
            try {
                closeable.close();
            } catch (Exception e) {
                throw new KafkaClusterException("cannot stop the test Kafka broker: " + e.getMessage(), e);
            }
        }
    }
}

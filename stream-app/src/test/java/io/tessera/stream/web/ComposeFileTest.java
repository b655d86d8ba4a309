package io.tessera.stream.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tessera.ingest.cli.IngestCommand;
import io.tessera.stream.config.ConfigLoader;
import io.tessera.stream.config.StreamAppConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * There is no Docker engine to run docker-compose.yml here, so this test reads it and checks it
 * against what the apps really accept: the inspection app's environment goes through the app's
 * own configuration loader, camera-ingest's command line through the ingest command's parser,
 * the ports against the scrape configuration, and the Kafka image against the version the build
 * and the tests use.
 */
class ComposeFileTest {
    private static final Path ROOT = Path.of(System.getProperty("tessera.root", ".."));
    private static final String ENV_PREFIX = ConfigLoader.ENV_PREFIX;

    private JsonNode compose;
    private JsonNode services;

    @BeforeEach
    void read() throws IOException {
        compose = new YAMLMapper().readTree(ROOT.resolve("docker-compose.yml").toFile());
        services = compose.get("services");
    }

    @Test
    void hasTheServicesOfADeployment() {
        List<String> names = new ArrayList<>();
        services.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyInAnyOrder("kafka", "kafka-init", "stream-app", "stream-app-gpu", "camera-ingest",
                "prometheus", "grafana");
    }

    @Test
    void kafkaIsTheApacheImageOfTheVersionTheBuildUsesInKraftMode() throws IOException {
        Matcher m = Pattern.compile("<kafka\\.version>([^<]+)</kafka\\.version>").matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertThat(m.find()).as("kafka.version in the parent pom").isTrue();
        String version = m.group(1);

        assertThat(services.get("kafka").get("image").asText()).isEqualTo("apache/kafka:" + version);
        assertThat(services.get("kafka-init").get("image").asText()).isEqualTo("apache/kafka:" + version);
        JsonNode env = services.get("kafka").get("environment");
        assertThat(env.get("KAFKA_PROCESS_ROLES").asText()).isEqualTo("broker,controller");
        assertThat(env.has("KAFKA_ZOOKEEPER_CONNECT")).isFalse();
        assertThat(env.get("CLUSTER_ID").asText()).matches("[A-Za-z0-9_-]{22}");
        assertThat(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS").asText()).isEqualTo("1@kafka:9093");
        assertThat(env.get("KAFKA_ADVERTISED_LISTENERS").asText()).contains("PLAINTEXT://kafka:9092");
        // Frames of several megabytes, as the local broker of the tests allows.
        assertThat(env.get("KAFKA_MESSAGE_MAX_BYTES").asLong()).isGreaterThanOrEqualTo(10 * 1024 * 1024);
        assertThat(env.get("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR").asInt()).isEqualTo(1);
        assertThat(env.get("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR").asInt()).isEqualTo(1);
        assertThat(env.get("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR").asInt()).isEqualTo(1);
    }

    @Test
    void theInspectionAppsEnvironmentIsMadeOfItsConfigKeysAndLoads() throws IOException {
        Set<String> keys = propertyKeys(ROOT.resolve("config/stream-app.properties"));
        for (String service : List.of("stream-app", "stream-app-gpu")) {
            Map<String, String> env = environment(service);
            assertThat(env).as(service).isNotEmpty();
            for (String name : env.keySet()) {
                assertThat(name).as(service + " environment").startsWith(ENV_PREFIX);
                assertThat(keys.stream().map(ConfigLoader::envName)).as(service + ": " + name + " names a key of config/stream-app.properties")
                        .contains(name);
            }
            Map<String, String> effective = ConfigLoader.merge(null, env, Map.of());
            StreamAppConfig config = ConfigLoader.parse(effective);
            assertThat(config.bootstrapServers()).isEqualTo("kafka:9092");
            DashboardConfig dashboard = DashboardConfig.forInspection(config, effective::get);
            assertThat(DashboardConfig.enabled(effective::get)).isTrue();
            assertThat(dashboard.bindAddress()).as("reachable from outside the container").isEqualTo("0.0.0.0");
            assertThat(containerPorts(service)).as(service + " publishes its dashboard port").contains(dashboard.port());
            assertThat(hostAddresses(service)).as("published on the host's loopback only").containsOnly("127.0.0.1");
            assertThat(scrapeTarget("stream-app")).isEqualTo("stream-app:" + dashboard.port());
        }
    }

    @Test
    void cameraIngestsCommandIsValidForTheIngestCommandAndServesMetrics() throws IOException {
        JsonNode command = services.get("camera-ingest").get("command");
        assertThat(command.get(0).asText()).isEqualTo("ingest");
        List<String> args = new ArrayList<>();
        for (int i = 1; i < command.size(); i++) {
            args.add(command.get(i).asText());
        }
        Set<String> keys = propertyKeys(ROOT.resolve("config/camera-ingest.properties"));
        for (String arg : args) {
            if (arg.startsWith("--")) {
                assertThat(keys).as(arg + " is documented in config/camera-ingest.properties").contains(arg.substring(2));
            }
        }
        CommandLine.ParseResult parsed = new CommandLine(new IngestCommand()).parseArgs(args.toArray(String[]::new));
        int metricsPort = parsed.matchedOptionValue("--metrics-port", 0);
        assertThat(metricsPort).isPositive();
        assertThat(parsed.matchedOptionValue("--metrics-address", "")).isEqualTo("0.0.0.0");
        assertThat(parsed.matchedOptionValue("--bootstrap", "")).isEqualTo("kafka:9092");
        assertThat(containerPorts("camera-ingest")).contains(metricsPort);
        assertThat(scrapeTarget("camera-ingest")).isEqualTo("camera-ingest:" + metricsPort);
    }

    @Test
    void theGpuProfileReservesAnNvidiaGpuForTheInspectionApp() {
        JsonNode gpu = services.get("stream-app-gpu");
        assertThat(gpu.get("profiles")).extracting(JsonNode::asText).containsExactly("gpu");
        JsonNode device = gpu.at("/deploy/resources/reservations/devices/0");
        assertThat(device.get("driver").asText()).isEqualTo("nvidia");
        assertThat(device.get("capabilities")).extracting(JsonNode::asText).contains("gpu");
        assertThat(gpu.get("command").get(0).asText()).isEqualTo("inspect");
        assertThat(gpu.at("/networks/default/aliases")).extracting(JsonNode::asText).contains("stream-app");
        assertThat(services.get("stream-app").has("profiles")).as("the CPU app runs without a profile").isFalse();
    }

    @Test
    void everyBuiltImageAndMountedFileIsInTheRepository() {
        services.fields().forEachRemaining(e -> {
            JsonNode build = e.getValue().get("build");
            if (build != null) {
                assertThat(ROOT.resolve(build.get("context").asText()).resolve(build.get("dockerfile").asText()))
                        .as(e.getKey() + " Dockerfile").isRegularFile();
            }
            for (JsonNode volume : e.getValue().path("volumes")) {
                String source = volume.asText().split(":")[0];
                if (source.startsWith("./")) {
                    assertThat(ROOT.resolve(source)).as(e.getKey() + " mounts " + source).exists();
                }
            }
        });
        assertThat(services.get("grafana").get("volumes")).extracting(JsonNode::asText)
                .contains("./dashboards/grafana/provisioning:/etc/grafana/provisioning:ro");
    }

    private Map<String, String> environment(String service) {
        Map<String, String> env = new LinkedHashMap<>();
        services.get(service).get("environment").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        return env;
    }

    private List<Integer> containerPorts(String service) {
        List<Integer> ports = new ArrayList<>();
        for (JsonNode p : services.get(service).get("ports")) {
            String[] parts = p.asText().split(":");
            ports.add(Integer.parseInt(parts[parts.length - 1]));
        }
        return ports;
    }

    private Set<String> hostAddresses(String service) {
        Set<String> addresses = new TreeSet<>();
        for (JsonNode p : services.get(service).get("ports")) {
            String[] parts = p.asText().split(":");
            addresses.add(parts.length == 3 ? parts[0] : "0.0.0.0");
        }
        return addresses;
    }

    private String scrapeTarget(String job) throws IOException {
        JsonNode prometheus = new YAMLMapper().readTree(ROOT.resolve("dashboards/prometheus.yml").toFile());
        for (JsonNode config : prometheus.get("scrape_configs")) {
            if (config.get("job_name").asText().equals(job)) {
                return config.at("/static_configs/0/targets/0").asText();
            }
        }
        throw new AssertionError("no scrape job " + job + " in dashboards/prometheus.yml");
    }

    private static Set<String> propertyKeys(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        return p.stringPropertyNames();
    }
}

package io.tessera.stream.web;

import io.tessera.stream.config.StreamAppConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Settings of the live dashboard. Defaults bind to loopback only: the dashboard shows images
 * from the line and has no authentication, so exposing it is a deliberate choice.
 *
 * @param bindAddress       address the HTTP server binds to ({@code 127.0.0.1} by default)
 * @param port              TCP port; 0 picks a free one (tests)
 * @param kafka             Kafka client settings shared by the dashboard's consumers and admin
 *                          client: {@code bootstrap.servers} plus any security settings
 * @param verdictsTopic     topic the verdict feed follows
 * @param framesTopic       topic defect frames are fetched from for thumbnails
 * @param inspectionGroupId consumer group of the inspection app (its {@code application.id}),
 *                          whose committed offsets on the frames topic give the consumer lag;
 *                          null hides the lag
 * @param thumbnails        whether DEFECT verdicts get a thumbnail of their frame
 * @param thumbnailCount    how many defect thumbnails are kept and shown
 * @param thumbnailWidth    width in pixels of a thumbnail
 * @param recentVerdicts    how many verdicts a newly opened page receives at once
 * @param statsWindow       sliding window for frames/s, defect rate and latency p95
 * @param lagInterval       how often the consumer lag is read
 * @param maxClients        live pages served at once; more get HTTP 503
 */
public record DashboardConfig(
        String bindAddress,
        int port,
        Map<String, String> kafka,
        String verdictsTopic,
        String framesTopic,
        String inspectionGroupId,
        boolean thumbnails,
        int thumbnailCount,
        int thumbnailWidth,
        int recentVerdicts,
        Duration statsWindow,
        Duration lagInterval,
        int maxClients,
        String allowedHosts) {

    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;

    public DashboardConfig {
        Objects.requireNonNull(bindAddress, "dashboard.bind-address");
        Objects.requireNonNull(kafka, "kafka client settings");
        Objects.requireNonNull(verdictsTopic, "verdicts topic");
        Objects.requireNonNull(framesTopic, "frames topic");
        Objects.requireNonNull(statsWindow, "dashboard.stats-window-ms");
        Objects.requireNonNull(lagInterval, "dashboard.lag-interval-ms");
        if (!kafka.containsKey("bootstrap.servers")) {
            throw new IllegalArgumentException("dashboard Kafka settings must contain bootstrap.servers");
        }
        require(port >= 0 && port <= 65_535, "dashboard.port must be within 0..65535, got " + port);
        require(thumbnailCount >= 1 && thumbnailCount <= 100, "dashboard.thumbnail-count must be within 1..100, got " + thumbnailCount);
        require(thumbnailWidth >= 32 && thumbnailWidth <= 1024, "dashboard.thumbnail-width must be within 32..1024, got " + thumbnailWidth);
        require(recentVerdicts >= 1 && recentVerdicts <= 1000, "dashboard.recent-verdicts must be within 1..1000, got " + recentVerdicts);
        require(!statsWindow.isNegative() && statsWindow.toMillis() >= 1000, "dashboard.stats-window-ms must be at least 1000");
        require(lagInterval.toMillis() >= 100, "dashboard.lag-interval-ms must be at least 100");
        require(maxClients >= 1, "dashboard.max-clients must be at least 1");
        allowedHosts = allowedHosts == null ? "" : allowedHosts.trim();
        kafka = Map.copyOf(kafka);
    }

    /** Defaults for a cluster and the default topic names; the lag follows group {@code tessera-inspect}. */
    public static DashboardConfig defaults(String bootstrapServers) {
        return new DashboardConfig(DEFAULT_BIND_ADDRESS, DEFAULT_PORT, Map.of("bootstrap.servers", bootstrapServers),
                "verdicts", "frames", "tessera-inspect", true, 12, 320, 50, Duration.ofSeconds(10), Duration.ofSeconds(2), 64, "");
    }

    /**
     * Reads {@code dashboard.*} keys over the given defaults; keys that are absent keep their
     * default. Used by whichever app hosts the dashboard with its own configuration source.
     */
    public static DashboardConfig fromSettings(Function<String, String> settings, DashboardConfig defaults) {
        return new DashboardConfig(
                text(settings, "dashboard.bind-address", defaults.bindAddress),
                integer(settings, "dashboard.port", defaults.port),
                defaults.kafka,
                defaults.verdictsTopic,
                defaults.framesTopic,
                defaults.inspectionGroupId,
                Boolean.parseBoolean(text(settings, "dashboard.thumbnails", Boolean.toString(defaults.thumbnails))),
                integer(settings, "dashboard.thumbnail-count", defaults.thumbnailCount),
                integer(settings, "dashboard.thumbnail-width", defaults.thumbnailWidth),
                integer(settings, "dashboard.recent-verdicts", defaults.recentVerdicts),
                Duration.ofMillis(integer(settings, "dashboard.stats-window-ms", (int) defaults.statsWindow.toMillis())),
                Duration.ofMillis(integer(settings, "dashboard.lag-interval-ms", (int) defaults.lagInterval.toMillis())),
                integer(settings, "dashboard.max-clients", defaults.maxClients),
                text(settings, "dashboard.allowed-hosts", defaults.allowedHosts));
    }

    /**
     * The dashboard of an inspection app: its cluster and security settings, its topics, its
     * {@code application.id} as the group whose lag is shown, and the {@code dashboard.*}
     * settings from the app's effective configuration.
     */
    public static DashboardConfig forInspection(StreamAppConfig app, Function<String, String> settings) {
        DashboardConfig base = defaults(app.bootstrapServers())
                .withKafkaSettings(app.clientSettings())
                .withTopics(app.topics().verdicts().name(), app.topics().frames().name())
                .withInspectionGroupId(app.applicationId());
        return fromSettings(settings, base);
    }

    /** False when {@code dashboard.enabled} is {@code false}. */
    public static boolean enabled(Function<String, String> settings) {
        String value = settings.apply("dashboard.enabled");
        return value == null || value.isBlank() || Boolean.parseBoolean(value.trim());
    }

    public DashboardConfig withPort(int newPort) {
        return new DashboardConfig(bindAddress, newPort, kafka, verdictsTopic, framesTopic, inspectionGroupId, thumbnails,
                thumbnailCount, thumbnailWidth, recentVerdicts, statsWindow, lagInterval, maxClients, allowedHosts);
    }

    public DashboardConfig withBindAddress(String address) {
        return new DashboardConfig(address, port, kafka, verdictsTopic, framesTopic, inspectionGroupId, thumbnails,
                thumbnailCount, thumbnailWidth, recentVerdicts, statsWindow, lagInterval, maxClients, allowedHosts);
    }

    public DashboardConfig withTopics(String verdicts, String frames) {
        return new DashboardConfig(bindAddress, port, kafka, verdicts, frames, inspectionGroupId, thumbnails,
                thumbnailCount, thumbnailWidth, recentVerdicts, statsWindow, lagInterval, maxClients, allowedHosts);
    }

    public DashboardConfig withInspectionGroupId(String groupId) {
        return new DashboardConfig(bindAddress, port, kafka, verdictsTopic, framesTopic, groupId, thumbnails,
                thumbnailCount, thumbnailWidth, recentVerdicts, statsWindow, lagInterval, maxClients, allowedHosts);
    }

    /** Adds Kafka client settings (security, for instance) to those already given. */
    public DashboardConfig withKafkaSettings(Map<String, String> more) {
        Map<String, String> merged = new LinkedHashMap<>(kafka);
        merged.putAll(more);
        return new DashboardConfig(bindAddress, port, merged, verdictsTopic, framesTopic, inspectionGroupId, thumbnails,
                thumbnailCount, thumbnailWidth, recentVerdicts, statsWindow, lagInterval, maxClients, allowedHosts);
    }

    private static String text(Function<String, String> settings, String key, String fallback) {
        String value = settings.apply(key);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static int integer(Function<String, String> settings, String key, int fallback) {
        String value = text(settings, key, null);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, got '" + value + "'");
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}

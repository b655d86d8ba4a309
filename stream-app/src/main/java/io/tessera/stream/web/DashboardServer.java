package io.tessera.stream.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tessera.protocol.Decision;
import io.tessera.protocol.Json;
import io.tessera.protocol.Verdict;
import io.tessera.stream.health.AppStatus;
import io.tessera.stream.health.Health;
import io.tessera.stream.health.ShadowStatus;
import io.tessera.stream.metrics.CommittedVerdicts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live dashboard: one HTTP server that serves the page, a server-sent-events stream of
 * verdicts and per-line figures, defect thumbnails, a JSON snapshot and the Prometheus
 * {@code /metrics} of the registry it is given.
 *
 * <p>It reads Kafka itself (the verdicts topic, read_committed, from the end; the frames topic
 * only to fetch defect frames; the inspection group's offsets for the lag) rather than hooking
 * into the topology, so it shows what a downstream consumer would see and can run beside any
 * number of inspection instances.
 *
 * <p>Endpoints: {@code /} the page, {@code /events} the event stream, {@code /api/state} the
 * snapshot, {@code /api/thumbnails/<id>.jpg}, {@code /metrics}, {@code /healthz}.
 */
public final class DashboardServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);
    private static final Pattern THUMBNAIL = Pattern.compile("/api/thumbnails/(t[0-9]{1,18})\\.jpg");

    private final DashboardConfig config;
    private final HostCheck hosts;
    private final PrometheusMeterRegistry registry;
    private final CommittedVerdicts committed;
    private final ObjectMapper mapper = Json.newMapper();
    private final HttpServer http;
    private final ExecutorService httpThreads;
    private final ScheduledExecutorService ticker;
    private final SseHub hub;
    private final LiveStats stats;
    private final RecentVerdicts recent;
    private final GatePanels gates;
    /** Disagreements whose thumbnail was asked for (camera#sequence), oldest first; the ticker thread's only. */
    private final Set<String> shadowThumbnails = new LinkedHashSet<>();
    private final ThumbnailStore thumbnails;
    private final VerdictFeed feed;
    private final ThumbnailFetcher fetcher;
    private final LagMonitor lag;
    private final AtomicReference<ModelInfo> model = new AtomicReference<>();
    /** The hosting app, or null for a dashboard that only watches the topics. */
    private final AppStatus app;
    private final Counter verdictsSeen;
    private final Counter malformed;
    private final Map<ThumbnailFetcher.Outcome, Counter> thumbnailOutcomes = new EnumMap<>(ThumbnailFetcher.Outcome.class);

    private DashboardServer(DashboardConfig config, PrometheusMeterRegistry registry, Clock clock, AppStatus app)
            throws IOException {
        this.config = config;
        this.hosts = new HostCheck(config.allowedHosts(), config.bindAddress());
        this.app = app;
        this.registry = registry;
        this.committed = new CommittedVerdicts(registry);
        this.hub = new SseHub(mapper, config.maxClients());
        this.stats = new LiveStats(clock, config.statsWindow());
        this.recent = new RecentVerdicts(config.recentVerdicts());
        this.gates = new GatePanels(registry);
        this.thumbnails = new ThumbnailStore(config.thumbnailCount());
        this.verdictsSeen = Counter.builder("tessera.dashboard.verdicts")
                .description("Verdicts the dashboard received from the verdicts topic").register(registry);
        this.malformed = Counter.builder("tessera.dashboard.verdicts.malformed")
                .description("Records on the verdicts topic the dashboard could not read").register(registry);
        for (ThumbnailFetcher.Outcome o : ThumbnailFetcher.Outcome.values()) {
            thumbnailOutcomes.put(o, Counter.builder("tessera.dashboard.thumbnails")
                    .description("Defect thumbnail requests by outcome")
                    .tag("outcome", o.name().toLowerCase(Locale.ROOT).replace('_', '-')).register(registry));
        }
        Gauge.builder("tessera.dashboard.clients", hub, SseHub::clients)
                .description("Dashboard pages connected to the live event stream").register(registry);

        // Bind first: a taken port must fail before any Kafka client exists.
        this.http = HttpServer.create(new InetSocketAddress(config.bindAddress(), config.port()), 64);
        this.httpThreads = Executors.newCachedThreadPool(daemon("dashboard-http"));
        http.setExecutor(httpThreads);
        http.createContext("/", this::handle);
        // Two threads: a slow lag read must not hold up the figures sent every second.
        this.ticker = Executors.newScheduledThreadPool(2, daemon("dashboard-ticker"));

        try {
            this.feed = new VerdictFeed(config.kafka(), config.verdictsTopic(), this::onVerdict, malformed::increment);
            this.fetcher = config.thumbnails()
                    ? new ThumbnailFetcher(config.kafka(), config.framesTopic(), new Thumbnailer(config.thumbnailWidth()),
                            this::onThumbnail, o -> thumbnailOutcomes.get(o).increment())
                    : null;
            this.lag = config.inspectionGroupId() == null ? null
                    : new LagMonitor(Admin.create(new HashMap<>(config.kafka())), config.framesTopic(), config.inspectionGroupId());
        } catch (RuntimeException e) {
            // Bad Kafka settings: give the port back before reporting them.
            http.stop(0);
            httpThreads.shutdownNow();
            ticker.shutdownNow();
            throw e;
        }
    }

    /**
     * Starts the dashboard: the HTTP server, the verdict feed, the thumbnail fetcher and the lag
     * reader. The registry's {@code /metrics} output includes whatever the hosting app registered.
     *
     * @throws IOException when the address cannot be bound
     */
    public static DashboardServer start(DashboardConfig config, PrometheusMeterRegistry registry, Clock clock) throws IOException {
        return start(config, registry, clock, null);
    }

    /**
     * As {@link #start(DashboardConfig, PrometheusMeterRegistry, Clock)}, inside an app: {@code /healthz}
     * then also reflects the app's health, and the model panel shows the precision served and why.
     */
    public static DashboardServer start(DashboardConfig config, PrometheusMeterRegistry registry, Clock clock,
            AppStatus app) throws IOException {
        DashboardServer server = new DashboardServer(config, registry, clock, app);
        server.feed.start();
        if (server.fetcher != null) {
            server.fetcher.start();
        }
        if (server.lag != null) {
            server.ticker.scheduleWithFixedDelay(server.lag::refresh, 0, config.lagInterval().toMillis(), TimeUnit.MILLISECONDS);
        }
        server.ticker.scheduleAtFixedRate(server::publishStats, 1, 1, TimeUnit.SECONDS);
        server.http.start();
        LOG.info("dashboard at {} (verdicts from {}, thumbnails {})", server.url(), config.verdictsTopic(),
                config.thumbnails() ? "from " + config.framesTopic() : "off");
        return server;
    }

    /**
     * As {@link #start}, for an app whose real work must not stop because its dashboard cannot
     * run: when the address cannot be bound (the port is taken) the reason is logged and null
     * returned, and the app goes on without the dashboard and its {@code /metrics}.
     */
    public static DashboardServer startOrWarn(DashboardConfig config, PrometheusMeterRegistry registry, Clock clock,
            AppStatus app) {
        try {
            return start(config, registry, clock, app);
        } catch (IOException e) {
            LOG.error("no dashboard and no /metrics: cannot listen on {}:{} ({}); set dashboard.port, or dashboard.enabled=false",
                    config.bindAddress(), config.port(), e.toString());
            return null;
        }
    }

    /** The page's address, e.g. {@code http://127.0.0.1:8080/}. */
    public URI url() {
        InetSocketAddress address = http.getAddress();
        String host = address.getAddress().isAnyLocalAddress() ? "localhost" : address.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + address.getPort() + "/");
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /** True once the verdict feed is positioned at the end of the verdicts topic. */
    public boolean live() {
        return feed.live();
    }

    private void onVerdict(Verdict verdict) {
        verdictsSeen.increment();
        committed.record(verdict);
        stats.record(verdict);
        recent.add(verdict);
        ModelInfo current = ModelInfo.of(verdict, app == null ? null : app.serving());
        if (!current.equals(model.getAndSet(current))) {
            hub.broadcast("model", current);
        }
        hub.broadcast("verdict", verdict);
        if (fetcher != null && verdict.decision() == Decision.DEFECT) {
            fetcher.request(verdict);
        }
    }

    private void onThumbnail(ThumbnailInfo withoutId, byte[] jpeg) {
        ThumbnailInfo info = thumbnails.add(withoutId, jpeg);
        hub.broadcast("thumbnail", info);
    }

    private void publishStats() {
        try {
            hub.broadcast("stats", statsNow());
            hub.broadcast("gates", gates.read());
            ShadowStatus shadow = shadowNow();
            if (shadow != null) {
                hub.broadcast("shadow", shadow);
                requestShadowThumbnails(shadow);
            }
        } catch (RuntimeException e) {
            LOG.warn("cannot publish dashboard figures", e);
        }
    }

    /**
     * Frames the shadow calls DEFECT and the live model does not get a thumbnail with the shadow's
     * tiles (the live model's DEFECT frames have theirs already).
     */
    private void requestShadowThumbnails(ShadowStatus shadow) {
        if (fetcher == null) {
            return;
        }
        for (ShadowStatus.Disagreement d : shadow.disagreements()) {
            if ("DEFECT".equals(d.shadowDecision()) && !"DEFECT".equals(d.liveDecision()) && d.shadowVerdict() != null
                    && shadowThumbnails.add(d.cameraId() + "#" + d.sequence())) {
                fetcher.request(d.shadowVerdict());
            }
        }
        while (shadowThumbnails.size() > 256) {
            shadowThumbnails.remove(shadowThumbnails.iterator().next());
        }
    }

    /** The shadow model's figures, or null when none runs. */
    private ShadowStatus shadowNow() {
        return app == null ? null : app.shadow().orElse(null);
    }

    private StatsSnapshot statsNow() {
        return stats.snapshot(cameras -> lag == null ? OptionalLong.empty() : lag.lag(cameras));
    }

    /** Everything a page needs to draw itself at once. */
    private Map<String, Object> snapshot() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("live", feed.live());
        state.put("verdictsTopic", config.verdictsTopic());
        state.put("framesTopic", config.framesTopic());
        state.put("model", model.get());
        state.put("stats", statsNow());
        state.put("gates", gates.read());
        state.put("shadow", shadowNow());
        state.put("verdicts", recent.list());
        state.put("thumbnails", thumbnails.list());
        return state;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET");
                text(exchange, 405, "only GET is served\n");
                return;
            }
            if (!hosts.allows(exchange.getRequestHeaders().getFirst("Host"))) {
                text(exchange, 403, "host not served; add it to dashboard.allowed-hosts\n");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            switch (path) {
                case "/events" -> hub.serve(exchange, this::snapshot);
                case "/metrics" -> metrics(exchange);
                case "/healthz" -> health(exchange);
                case "/api/state" -> json(exchange, snapshot());
                default -> other(exchange, path);
            }
        } catch (IOException e) {
            LOG.debug("dashboard request {} failed: {}", exchange.getRequestURI(), e.toString());
        } catch (RuntimeException e) {
            LOG.warn("dashboard request {} failed", exchange.getRequestURI(), e);
        }
    }

    private void other(HttpExchange exchange, String path) throws IOException {
        Matcher m = THUMBNAIL.matcher(path);
        if (m.matches()) {
            Optional<byte[]> jpeg = thumbnails.jpeg(m.group(1));
            if (jpeg.isEmpty()) {
                text(exchange, 404, "no such thumbnail (only the latest " + config.thumbnailCount() + " are kept)\n");
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "image/jpeg");
            exchange.getResponseHeaders().set("Cache-Control", "max-age=3600, immutable");
            exchange.sendResponseHeaders(200, jpeg.get().length);
            exchange.getResponseBody().write(jpeg.get());
            return;
        }
        Optional<StaticAssets.Asset> asset = StaticAssets.find(path);
        if (asset.isPresent()) {
            StaticAssets.send(exchange, asset.get());
        } else {
            text(exchange, 404, "not found\n");
        }
    }

    /**
     * 200 when the dashboard's feed is live and (inside an app) the app is healthy, else 503; the
     * body says which part is not and why.
     */
    private void health(HttpExchange exchange) throws IOException {
        String feedLine = "dashboard feed: " + (feed.live() ? "live" : "starting (not yet at the end of "
                + config.verdictsTopic() + ")");
        if (app == null) {
            text(exchange, feed.live() ? 200 : 503, (feed.live() ? "ok\n" : "starting\n") + feedLine + "\n");
            return;
        }
        Health h = app.health();
        boolean ok = h.ok() && feed.live();
        String body = h.body();
        if (h.ok() && !feed.live()) {
            body = "starting\n" + body.substring(body.indexOf('\n') + 1);
        }
        text(exchange, ok ? 200 : 503, body + feedLine + "\n");
    }

    private void metrics(HttpExchange exchange) throws IOException {
        byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
    }

    private void json(HttpExchange exchange, Object value) throws IOException {
        byte[] body = mapper.writeValueAsBytes(value);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
    }

    private static void text(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Stops serving and closes the Kafka clients; open pages see the stream end and retry. */
    @Override
    public void close() {
        hub.close();
        http.stop(0);
        ticker.shutdownNow();
        feed.close();
        if (fetcher != null) {
            fetcher.close();
        }
        if (lag != null) {
            lag.close();
        }
        httpThreads.shutdownNow();
        LOG.info("dashboard stopped");
    }

    /** For tests and the page's model panel: the model the latest verdict named. */
    Optional<ModelInfo> model() {
        return Optional.ofNullable(model.get());
    }

    List<ThumbnailInfo> thumbnails() {
        return thumbnails.list();
    }
}

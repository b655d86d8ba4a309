package io.tessera.ingest.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a Prometheus registry as {@code GET /metrics} (text format 0.0.4) for Prometheus to
 * scrape, plus {@code /healthz}. One small thread; nothing else is exposed.
 */
public final class MetricsEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsEndpoint.class);

    private final HttpServer server;
    private final ExecutorService thread;
    private final JvmGcMetrics gcMetrics;

    private MetricsEndpoint(HttpServer server, ExecutorService thread, JvmGcMetrics gcMetrics) {
        this.server = server;
        this.thread = thread;
        this.gcMetrics = gcMetrics;
    }

    /** A registry tagged {@code app=<app>} with the JVM and process meters an operator expects. */
    public static PrometheusMeterRegistry newRegistry(String app) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("app", app);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return registry;
    }

    /**
     * Starts serving {@code registry}.
     *
     * @param bindAddress address to listen on ({@code 0.0.0.0} for every interface, as in a container)
     * @param port        TCP port; 0 picks a free one
     * @throws IOException when the address cannot be bound
     */
    public static MetricsEndpoint start(String bindAddress, int port, PrometheusMeterRegistry registry) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(bindAddress, port), 16);
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "metrics-endpoint");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(thread);
        server.createContext("/", exchange -> handle(exchange, registry));
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        server.start();
        MetricsEndpoint endpoint = new MetricsEndpoint(server, thread, gc);
        LOG.info("Prometheus metrics at http://{}:{}/metrics", bindAddress, endpoint.port());
        return endpoint;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void handle(HttpExchange exchange, PrometheusMeterRegistry registry) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] body;
            int status;
            String type = "text/plain; charset=utf-8";
            if (!"GET".equals(exchange.getRequestMethod())) {
                status = 405;
                body = "only GET is served\n".getBytes(StandardCharsets.UTF_8);
            } else if (path.equals("/metrics")) {
                status = 200;
                type = "text/plain; version=0.0.4; charset=utf-8";
                body = registry.scrape().getBytes(StandardCharsets.UTF_8);
            } else if (path.equals("/healthz")) {
                status = 200;
                body = "ok\n".getBytes(StandardCharsets.UTF_8);
            } else {
                status = 404;
                body = "not found: the metrics are at /metrics\n".getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        thread.shutdownNow();
        gcMetrics.close();
    }
}

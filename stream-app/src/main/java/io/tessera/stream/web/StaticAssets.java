package io.tessera.stream.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The page's own files, read from {@code web/} on the classpath. Only plain names are served
 * (no {@code ..}, no hidden files), so a request cannot reach other classpath resources.
 */
final class StaticAssets {
    private static final Pattern SAFE = Pattern.compile("[a-zA-Z0-9_-]+(\\.[a-zA-Z0-9]+)+");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon");

    private StaticAssets() {
    }

    /** A resource and its content type, empty when the name is not a served asset. */
    record Asset(byte[] bytes, String contentType) {
    }

    static Optional<Asset> find(String path) throws IOException {
        String name = path.equals("/") || path.isEmpty() ? "index.html" : path.substring(1);
        if (!SAFE.matcher(name).matches()) {
            return Optional.empty();
        }
        String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
        if (type == null) {
            return Optional.empty();
        }
        try (InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream("web/" + name)) {
            return in == null ? Optional.empty() : Optional.of(new Asset(in.readAllBytes(), type));
        }
    }

    static void send(HttpExchange exchange, Asset asset) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", asset.contentType());
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.sendResponseHeaders(200, asset.bytes().length);
        exchange.getResponseBody().write(asset.bytes());
    }
}

package io.tessera.stream.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tessera.testing.Eventually;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's chromium driven through chromedriver with plain W3C WebDriver calls over HTTP: no
 * browser download, no Selenium. The browser runs headless in a fresh profile folder that is
 * deleted on close, and the driver process is ended with it.
 */
final class WebDriverSession implements AutoCloseable {
    static final String CHROMIUM = System.getProperty("chromium.binary", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("chromedriver.binary", "/usr/bin/chromedriver");

    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Process driver;
    private final Path profile;
    private final URI base;
    private final String sessionId;

    /** Fails (never skips) when the browser or its driver is not installed. */
    static void requireBrowser() {
        for (String binary : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(Path.of(binary))) {
                throw new AssertionError("browser test needs " + binary + ", which is missing: install Debian's packages with "
                        + "'apt-get install -y chromium chromium-driver' (or point -Dchromium.binary / -Dchromedriver.binary at them)");
            }
        }
    }

    WebDriverSession(int width, int height) throws Exception {
        requireBrowser();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        profile = Files.createTempDirectory("tessera-chromium-");
        driver = new ProcessBuilder(CHROMEDRIVER, "--port=" + port)
                .redirectErrorStream(true)
                .redirectOutput(profile.resolveSibling(profile.getFileName() + ".driver.log").toFile())
                .start();
        base = URI.create("http://127.0.0.1:" + port + "/");
        try {
            Eventually.until("chromedriver ready on port " + port, Duration.ofSeconds(30), this::driverReady, ready -> ready);
            Map<String, Object> options = Map.of(
                    "binary", CHROMIUM,
                    "args", List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                            "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
                            "--window-size=" + width + "," + height, "--user-data-dir=" + profile));
            JsonNode created = call("POST", "session", Map.of("capabilities",
                    Map.of("alwaysMatch", Map.of("browserName", "chrome", "goog:chromeOptions", options))));
            sessionId = created.get("sessionId").asText();
        } catch (Exception | AssertionError e) {
            stopDriver();
            throw e;
        }
    }

    private boolean driverReady() {
        try {
            return call("GET", "status", null).path("ready").asBoolean(false);
        } catch (Exception e) {
            return false;
        }
    }

    void open(URI page) throws Exception {
        call("POST", "session/" + sessionId + "/url", Map.of("url", page.toString()));
    }

    /** Runs a script in the page and returns what it returns, as JSON. */
    JsonNode script(String body) throws Exception {
        return call("POST", "session/" + sessionId + "/execute/sync", Map.of("script", body, "args", List.of()));
    }

    void resize(int width, int height) throws Exception {
        call("POST", "session/" + sessionId + "/window/rect", Map.of("width", width, "height", height));
    }

    void screenshot(Path file) throws Exception {
        byte[] png = Base64.getDecoder().decode(call("GET", "session/" + sessionId + "/screenshot", null).asText());
        Files.createDirectories(file.getParent());
        Files.write(file, png);
    }

    private JsonNode call(String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body)));
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        JsonNode json = mapper.readTree(response.body());
        if (response.statusCode() != 200) {
            throw new IOException("WebDriver " + method + " /" + path + " answered " + response.statusCode() + ": " + json);
        }
        return json.get("value");
    }

    @Override
    public void close() throws Exception {
        try {
            call("DELETE", "session/" + sessionId, null);
        } finally {
            stopDriver();
        }
    }

    private void stopDriver() throws IOException, InterruptedException {
        // The browser is the driver's child: end it too, even when the session never closed.
        driver.descendants().forEach(ProcessHandle::destroy);
        driver.destroy();
        if (!driver.waitFor(10, TimeUnit.SECONDS)) {
            driver.destroyForcibly().waitFor();
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}

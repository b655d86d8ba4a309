package io.tessera.stream.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StaticAssetsTest {

    @Test
    void servesThePageAndItsFiles() throws IOException {
        assertThat(new String(StaticAssets.find("/").orElseThrow().bytes(), StandardCharsets.UTF_8)).contains("<title>Tessera");
        assertThat(StaticAssets.find("/app.js").orElseThrow().contentType()).startsWith("text/javascript");
        assertThat(StaticAssets.find("/app.css").orElseThrow().contentType()).startsWith("text/css");
    }

    @Test
    void nothingOutsideTheWebFolderAndNothingFromElsewhere() throws IOException {
        assertThat(StaticAssets.find("/../io/tessera/stream/web/DashboardServer.class")).isEmpty();
        assertThat(StaticAssets.find("/%2e%2e/secret.js")).isEmpty();
        assertThat(StaticAssets.find("/.hidden.js")).isEmpty();
        assertThat(StaticAssets.find("/missing.js")).isEmpty();
        assertThat(StaticAssets.find("/index.class")).isEmpty();
    }

    @Test
    void thePageLoadsNothingFromTheInternet() throws IOException {
        for (String asset : new String[] {"/", "/app.js", "/app.css"}) {
            String text = new String(StaticAssets.find(asset).orElseThrow().bytes(), StandardCharsets.UTF_8);
            assertThat(text).as(asset).doesNotContain("http://", "https://", "//cdn");
        }
    }
}

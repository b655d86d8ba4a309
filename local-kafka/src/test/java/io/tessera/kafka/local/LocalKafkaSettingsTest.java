package io.tessera.kafka.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalKafkaSettingsTest {

    @Test
    void defaultsAreUsable() {
        LocalKafkaSettings s = LocalKafkaSettings.defaults();

        assertThat(s.dataDir()).isEmpty();
        assertThat(s.port()).isZero();
        assertThat(s.heapMegabytes()).isEqualTo(512);
    }

    @Test
    void badPortNamesTheSetting() {
        assertThatThrownBy(() -> LocalKafkaSettings.defaults().withPort(70000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port").hasMessageContaining("70000");
        assertThatThrownBy(() -> LocalKafkaSettings.defaults().withPort(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port");
    }

    @Test
    void tooSmallMessageLimitNamesTheSetting() {
        assertThatThrownBy(() -> LocalKafkaSettings.defaults().withMaxMessageBytes(1000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxMessageBytes");
    }

    @Test
    void tooSmallHeapNamesTheSetting() {
        assertThatThrownBy(() -> LocalKafkaSettings.defaults().withHeapMegabytes(64))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("heapMegabytes");
    }

    @Test
    void zeroStartTimeoutNamesTheSetting() {
        assertThatThrownBy(() -> LocalKafkaSettings.defaults().withStartTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("startTimeout");
    }

    @Test
    void overridesAreCopied() {
        Map<String, String> extra = new HashMap<>(Map.of("a", "1"));
        LocalKafkaSettings s = LocalKafkaSettings.defaults().withOverrides(extra);
        extra.put("b", "2");

        assertThat(s.overrides()).containsOnlyKeys("a");
    }

    @Test
    void classArchiveFolderComesFromTheSystemPropertyTheScriptSets() {
        String before = System.getProperty(LocalKafkaSettings.CLASS_ARCHIVE_DIR_PROPERTY);
        try {
            System.setProperty(LocalKafkaSettings.CLASS_ARCHIVE_DIR_PROPERTY, "/opt/tessera/target/broker-cds");
            assertThat(LocalKafkaSettings.defaults().classArchiveDir()).contains(Path.of("/opt/tessera/target/broker-cds"));
            System.clearProperty(LocalKafkaSettings.CLASS_ARCHIVE_DIR_PROPERTY);
            assertThat(LocalKafkaSettings.defaults().classArchiveDir()).isEmpty();
        } finally {
            if (before != null) {
                System.setProperty(LocalKafkaSettings.CLASS_ARCHIVE_DIR_PROPERTY, before);
            }
        }
    }
}

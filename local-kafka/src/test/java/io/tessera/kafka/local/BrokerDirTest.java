package io.tessera.kafka.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerDirTest {

    @TempDir
    Path tmp;

    @Test
    void aDataDirCannotBeUsedTwice() {
        Path data = tmp.resolve("data");
        try (BrokerDir first = BrokerDir.persistent(data)) {
            assertThat(first.root()).isEqualTo(data.toAbsolutePath());
            assertThatThrownBy(() -> BrokerDir.persistent(data))
                    .isInstanceOf(KafkaClusterException.class)
                    .hasMessageContaining(data.toAbsolutePath().toString())
                    .hasMessageContaining("in use");
        }
        // Released on close: usable again, and a kept dir is not deleted.
        try (BrokerDir again = BrokerDir.persistent(data)) {
            assertThat(again.root()).isDirectory();
        }
        assertThat(data).isDirectory();
    }

    @Test
    void sweepRemovesOnlyAbandonedTemporaryDirs() throws Exception {
        long deadPid = deadPid();
        Path abandoned = Files.createDirectory(tmp.resolve(BrokerDir.TEMP_PREFIX + "abandoned"));
        Files.writeString(abandoned.resolve("owner.pid"), Long.toString(deadPid));
        Files.writeString(abandoned.resolve("broker.pid"), Long.toString(deadPid));
        Files.createDirectories(abandoned.resolve("kafka-logs/frames-0"));

        Path live = Files.createDirectory(tmp.resolve(BrokerDir.TEMP_PREFIX + "live"));
        Files.writeString(live.resolve("owner.pid"), Long.toString(ProcessHandle.current().pid()));

        Path liveBroker = Files.createDirectory(tmp.resolve(BrokerDir.TEMP_PREFIX + "live-broker"));
        Files.writeString(liveBroker.resolve("owner.pid"), Long.toString(deadPid));
        Files.writeString(liveBroker.resolve("broker.pid"), Long.toString(ProcessHandle.current().pid()));

        Path unknown = Files.createDirectory(tmp.resolve(BrokerDir.TEMP_PREFIX + "no-pid"));
        Path other = Files.createDirectory(tmp.resolve("something-else"));

        BrokerDir.sweepStaleTemporaryDirs(tmp);

        assertThat(abandoned).doesNotExist();
        assertThat(live).isDirectory();
        assertThat(liveBroker).isDirectory();
        assertThat(unknown).isDirectory();
        assertThat(other).isDirectory();
    }

    /** The pid of a process that has exited. */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        p.waitFor();
        return p.pid();
    }
}

package io.tessera.kafka.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker run from jars records its class-data archive when it stops in order, and the next
 * start really maps it (read from the running JVM with {@code jcmd VM.info}, not assumed).
 */
@Tag("integration")
class LocalKafkaClassArchiveIT {

    private static final Pattern MAPPED = Pattern.compile("CDS archive\\(s\\) mapped at: .*size (\\d+)");

    @TempDir
    Path tmp;

    @Test
    void aRestartedBrokerMapsTheClassesItsPredecessorArchived() throws Exception {
        Path archives = tmp.resolve("cds");
        LocalKafkaSettings settings = LocalKafkaSettings.defaults()
                .withClasspath(jarsOnlyClasspath())
                .withClassArchiveDir(Optional.of(archives));

        long mappedWithoutArchive;
        try (LocalKafka first = LocalKafka.start(settings)) {
            mappedWithoutArchive = cdsMappedBytes(first.pid());
        }
        List<Path> written = list(archives);
        assertThat(written).singleElement().satisfies(p -> {
            assertThat(p.getFileName().toString()).startsWith("broker-").endsWith(".jsa");
            assertThat(Files.size(p)).isGreaterThan(1 << 20);
        });

        try (LocalKafka second = LocalKafka.start(settings)) {
            assertThat(second.admin().describeCluster().nodes().get()).hasSize(1);
            long mappedWithArchive = cdsMappedBytes(second.pid());
            assertThat(mappedWithArchive)
                    .as("bytes of class data mapped, the JDK's own archive alone %d, the broker's archive %d",
                            mappedWithoutArchive, Files.size(written.get(0)))
                    .isGreaterThanOrEqualTo(mappedWithoutArchive + Files.size(written.get(0)) / 2);
        }
        assertThat(list(archives)).containsExactlyElementsOf(written);
    }

    /** This module's jar (packaged before integration tests run) and the jars of the test classpath. */
    private static String jarsOnlyClasspath() throws IOException {
        List<String> jars = new ArrayList<>();
        try (Stream<Path> target = Files.list(Path.of("target"))) {
            target.filter(p -> p.getFileName().toString().matches("tessera-local-kafka-[^-]+(-SNAPSHOT)?\\.jar"))
                    .forEach(p -> jars.add(p.toAbsolutePath().toString()));
        }
        assertThat(jars).as("the packaged tessera-local-kafka jar in target/ (run with mvn verify)").hasSize(1);
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.endsWith(".jar")) {
                jars.add(entry);
            }
        }
        return String.join(File.pathSeparator, jars);
    }

    private static long cdsMappedBytes(long pid) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "VM.info").redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Matcher m = MAPPED.matcher(new String(out, StandardCharsets.UTF_8));
        assertThat(m.find()).as("jcmd %s VM.info names the mapped CDS archives", pid).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}

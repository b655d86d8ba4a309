package io.tessera.kafka.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerClassArchiveTest {

    private static final String JVM = "/jdk|17.0.15";
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path tmp;
    Path archives;
    String classpath;

    @BeforeEach
    void jars() throws IOException {
        archives = tmp.resolve("cds");
        Path a = Files.write(tmp.resolve("a.jar"), new byte[] {1, 2, 3});
        Path b = Files.write(tmp.resolve("b.jar"), new byte[] {4, 5});
        classpath = a + File.pathSeparator + b;
    }

    @Test
    void firstStartRecordsAnArchiveAtExitIntoAFileOfItsOwn() throws IOException {
        BrokerClassArchive archive = BrokerClassArchive.forBroker(archives, classpath, JVM, clock).orElseThrow();

        List<String> options = archive.jvmOptions();

        assertThat(archive.recording()).isTrue();
        assertThat(options).singleElement().asString().startsWith("-XX:ArchiveClassesAtExit=" + archives.resolve("broker-"))
                .endsWith(BrokerClassArchive.PENDING_SUFFIX);
        assertThat(archives).isDirectory();
    }

    @Test
    void anOrderlyExitPutsTheRecordedArchiveInPlaceAndTheNextStartMapsIt() throws IOException {
        BrokerClassArchive first = BrokerClassArchive.forBroker(archives, classpath, JVM, clock).orElseThrow();
        Files.write(pendingFile(first), new byte[4096]); // what the JVM writes at exit

        first.brokerExited(true);

        assertThat(first.archive()).isRegularFile().hasSize(4096);
        assertThat(files(BrokerClassArchive.PENDING_SUFFIX)).isEmpty();
        BrokerClassArchive next = BrokerClassArchive.forBroker(archives, classpath, JVM, clock).orElseThrow();
        assertThat(next.recording()).isFalse();
        assertThat(next.jvmOptions()).containsExactly("-XX:SharedArchiveFile=" + first.archive());
    }

    @Test
    void aHaltedOrKilledBrokersPartialArchiveIsNeverKept() throws IOException {
        BrokerClassArchive archive = BrokerClassArchive.forBroker(archives, classpath, JVM, clock).orElseThrow();
        Files.write(pendingFile(archive), new byte[100]);

        archive.brokerExited(false);

        assertThat(archive.archive()).doesNotExist();
        assertThat(files("")).isEmpty();
    }

    @Test
    void anOrderlyExitThatRecordedNothingKeepsNothing() throws IOException {
        BrokerClassArchive archive = BrokerClassArchive.forBroker(archives, classpath, JVM, clock).orElseThrow();
        Files.createFile(pendingFile(archive));

        archive.brokerExited(true);

        assertThat(archive.archive()).doesNotExist();
        assertThat(files("")).isEmpty();
    }

    @Test
    void aNewArchiveReplacesThoseOfOtherBuildsAndAbandonedRecordings() throws IOException {
        Files.createDirectories(archives);
        Path otherBuild = Files.write(archives.resolve("broker-00000000deadbeef.jsa"), new byte[10]);
        Path abandoned = Files.write(archives.resolve("broker-00000000deadbeef-x.pending"), new byte[10]);
        Files.setLastModifiedTime(abandoned, FileTime.from(NOW.minus(BrokerClassArchive.ABANDONED_AFTER).minusSeconds(60)));
        Path inFlight = Files.write(archives.resolve("broker-00000000deadbeef-y.pending"), new byte[10]);
        Files.setLastModifiedTime(inFlight, FileTime.from(NOW.minusSeconds(60)));
        BrokerClassArchive archive = BrokerClassArchive.forBroker(archives, classpath, JVM, clock).orElseThrow();
        Files.write(pendingFile(archive), new byte[10]);

        archive.brokerExited(true);

        assertThat(otherBuild).doesNotExist();
        assertThat(abandoned).doesNotExist();
        assertThat(inFlight).exists(); // another broker may still be recording it
        assertThat(archive.archive()).exists();
    }

    @Test
    void aRebuiltJarOrAnotherJvmGetsAnotherArchive() throws IOException {
        Path before = BrokerClassArchive.forBroker(archives, classpath, JVM, clock).orElseThrow().archive();

        Path otherJvm = BrokerClassArchive.forBroker(archives, classpath, "/jdk|17.0.16", clock).orElseThrow().archive();
        Files.write(tmp.resolve("b.jar"), new byte[] {4, 5, 6});
        Path rebuilt = BrokerClassArchive.forBroker(archives, classpath, JVM, clock).orElseThrow().archive();

        assertThat(otherJvm).isNotEqualTo(before);
        assertThat(rebuilt).isNotEqualTo(before).isNotEqualTo(otherJvm);
    }

    @Test
    void aClasspathWithAFolderOrAMissingJarGetsNoArchive() throws IOException {
        Path classes = Files.createDirectories(tmp.resolve("classes"));

        assertThat(BrokerClassArchive.forBroker(archives, classpath + File.pathSeparator + classes, JVM, clock)).isEmpty();
        assertThat(BrokerClassArchive.forBroker(archives, classpath + File.pathSeparator + tmp.resolve("gone.jar"), JVM, clock))
                .isEmpty();
        assertThat(BrokerClassArchive.forBroker(archives, "", JVM, clock)).isEmpty();
    }

    @Test
    void brokerClasspathDropsClassFoldersOnlyWhenTheBrokerItselfComesFromAJar() {
        String mixed = String.join(File.pathSeparator, "/app/classes", "/m2/kafka.jar", "/app/local-kafka.jar");

        assertThat(LocalKafka.jarsOnlyWhenBrokerIsAJar(mixed, Optional.of(Path.of("/app/local-kafka.jar"))))
                .isEqualTo("/m2/kafka.jar" + File.pathSeparator + "/app/local-kafka.jar");
        assertThat(LocalKafka.jarsOnlyWhenBrokerIsAJar(mixed, Optional.of(Path.of("/app/classes")))).isEqualTo(mixed);
        assertThat(LocalKafka.jarsOnlyWhenBrokerIsAJar(mixed, Optional.empty())).isEqualTo(mixed);
        assertThat(LocalKafka.brokerClasspath(LocalKafkaSettings.defaults().withClasspath(mixed))).isEqualTo(mixed);
    }

    @Test
    void archiveOptionsComeFirstInTheBrokerJvmArguments() {
        String args = LocalKafka.jvmArgs(LocalKafkaSettings.defaults(), "/x.jar", List.of("-XX:SharedArchiveFile=/a.jsa"));

        assertThat(args).startsWith("\"-XX:SharedArchiveFile=/a.jsa\"\n").endsWith("\"-cp\"\n\"/x.jar\"\n");
    }

    @Test
    void anArchiveFolderThatCannotBeCreatedMeansNoArchiveNotAFailedStart() throws IOException {
        Path aFile = Files.write(tmp.resolve("not-a-folder"), new byte[1]);

        assertThat(BrokerClassArchive.forBroker(aFile.resolve("cds"), classpath, JVM, clock)).isEmpty();
    }

    private Path pendingFile(BrokerClassArchive archive) {
        String option = archive.jvmOptions().get(0);
        return Path.of(option.substring(option.indexOf('=') + 1));
    }

    private List<Path> files(String suffix) throws IOException {
        if (!Files.isDirectory(archives)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(archives)) {
            return s.filter(p -> p.toString().endsWith(suffix)).toList();
        }
    }
}

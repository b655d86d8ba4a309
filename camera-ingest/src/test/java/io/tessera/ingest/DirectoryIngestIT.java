package io.tessera.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.ingest.publish.FramePublisher;
import io.tessera.ingest.publish.KafkaFrameSink;
import io.tessera.ingest.publish.Pace;
import io.tessera.ingest.publish.ProducerSettings;
import io.tessera.ingest.source.DirectorySource;
import io.tessera.ingest.source.FrameEncoder;
import io.tessera.testing.kafka.KafkaBrokerExtension;
import io.tessera.kafka.local.KafkaCluster;
import io.tessera.protocol.FrameMetadata;
import io.tessera.protocol.TopicDescriptor;
import io.tessera.protocol.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class DirectoryIngestIT {

    @Test
    void aFolderOfImagesIsPublishedUntouchedAndBadFilesAreSkipped(KafkaCluster kafka, @TempDir Path dir) throws Exception {
        List<Path> photos;
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("tessera.root"), "samples/bsdata/pitting"))) {
            photos = s.sorted().limit(3).toList();
        }
        for (int i = 0; i < photos.size(); i++) {
            Files.copy(photos.get(i), dir.resolve("img-" + i + ".jpg"));
        }
        Files.writeString(dir.resolve("img-1b.jpg"), "not a jpeg at all");

        TopicDescriptor<String, byte[]> frames = Topics.withPrefix("dir.", 16 * 1024 * 1024).frames();
        kafka.createTopics(1, frames.name());
        DirectorySource source = new DirectorySource(dir, null, false, FrameEncoder.jpeg(90), "cam-dir", "line-dir", Clock.systemUTC());
        try (KafkaFrameSink sink = KafkaFrameSink.create(frames, ProducerSettings.defaults(kafka.bootstrapServers()), "dir-it");
             FramePublisher publisher = FramePublisher.builder().source(source).sink(sink).pace(Pace.fixedRate(20)).build()) {
            publisher.run();
            assertThat(publisher.framesSent()).isEqualTo(3);
        }
        assertThat(source.skippedInputs()).isEqualTo(1);

        List<ConsumerRecord<String, byte[]>> records = KafkaFrames.read(kafka.bootstrapServers(), frames.name(), 3);
        assertThat(records).hasSize(3);
        for (int i = 0; i < 3; i++) {
            ConsumerRecord<String, byte[]> r = records.get(i);
            assertThat(r.key()).isEqualTo("cam-dir");
            assertThat(r.value()).isEqualTo(Files.readAllBytes(photos.get(i)));
            FrameMetadata m = FrameMetadata.readFrom(r.key(), r.headers());
            assertThat(m.sequence()).isEqualTo(i);
            assertThat(m.width()).isPositive();
            assertThat(m.groundTruth()).isNull();
        }
    }
}

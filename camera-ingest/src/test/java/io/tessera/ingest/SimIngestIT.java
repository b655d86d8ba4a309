package io.tessera.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.ingest.publish.IngestRun;
import io.tessera.ingest.publish.KafkaFrameSink;
import io.tessera.ingest.publish.Pace;
import io.tessera.ingest.publish.ProducerSettings;
import io.tessera.ingest.sim.LineSimulator;
import io.tessera.testing.kafka.KafkaBrokerExtension;
import io.tessera.kafka.local.KafkaCluster;
import io.tessera.protocol.ContentType;
import io.tessera.protocol.FrameMetadata;
import io.tessera.protocol.TopicDescriptor;
import io.tessera.protocol.Topics;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class SimIngestIT {

    @Test
    void twoSimulatedCamerasPublish2kFramesWithGroundTruth(KafkaCluster kafka) throws Exception {
        TopicDescriptor<String, byte[]> frames = Topics.withPrefix("sim.", 16 * 1024 * 1024).frames();
        kafka.createTopics(2, frames.name());
        try (LineSimulator sim = LineSimulator.builder().camerasPerLine(2).seed(21).defectRate(0.5).distinctFrames(0).build();
             KafkaFrameSink sink = KafkaFrameSink.create(frames, ProducerSettings.defaults(kafka.bootstrapServers()), "sim-it");
             IngestRun run = IngestRun.start(sim.prerenderedCameras(), sink, Pace.fixedRate(15), Clock.systemUTC(), null, 10)) {
            run.await();
            assertThat(run.stats().snapshot(System.nanoTime()).acked()).isEqualTo(20);
            assertThat(run.stats().snapshot(System.nanoTime()).failed()).isZero();
        }

        List<ConsumerRecord<String, byte[]>> records = KafkaFrames.read(kafka.bootstrapServers(), frames.name(), 20);
        assertThat(records).hasSize(20);
        Map<String, List<ConsumerRecord<String, byte[]>>> byCamera = records.stream()
                .collect(Collectors.groupingBy(ConsumerRecord::key));
        assertThat(byCamera).containsOnlyKeys("cam-1-1", "cam-1-2");

        try (LineSimulator again = LineSimulator.builder().camerasPerLine(2).seed(21).defectRate(0.5).distinctFrames(0).renderThreads(0).build()) {
            for (int c = 0; c < 2; c++) {
                String camera = again.cameras().get(c).cameraId();
                List<ConsumerRecord<String, byte[]>> mine = byCamera.get(camera);
                mine.sort(Comparator.comparingLong(ConsumerRecord::offset));
                for (int seq = 0; seq < 10; seq++) {
                    ConsumerRecord<String, byte[]> r = mine.get(seq);
                    FrameMetadata m = FrameMetadata.readFrom(r.key(), r.headers());
                    assertThat(m.sequence()).isEqualTo(seq);
                    assertThat(m.lineId()).isEqualTo("line");
                    assertThat(m.contentType()).isEqualTo(ContentType.JPEG);
                    assertThat(m.groundTruth()).isNotNull();
                    // same seed, same bytes: what went through Kafka is exactly what the simulator renders
                    CapturedFrame expected = again.cameras().get(c).render(seq);
                    assertThat(r.value()).isEqualTo(expected.value());
                    assertThat(m.groundTruthRegions()).isEqualTo(expected.metadata().groundTruthRegions());
                    if (seq == 0) {
                        Mat decoded = Imgcodecs.imdecode(new MatOfByte(r.value()), Imgcodecs.IMREAD_COLOR);
                        assertThat(decoded.cols()).isEqualTo(2048);
                        assertThat(decoded.rows()).isEqualTo(1080);
                    }
                }
            }
        }
    }
}

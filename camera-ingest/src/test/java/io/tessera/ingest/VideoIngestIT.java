package io.tessera.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.ingest.publish.FramePublisher;
import io.tessera.ingest.publish.KafkaFrameSink;
import io.tessera.ingest.publish.Pace;
import io.tessera.ingest.publish.ProducerSettings;
import io.tessera.ingest.publish.Waiter;
import io.tessera.ingest.source.FrameEncoder;
import io.tessera.ingest.source.OutputFormat;
import io.tessera.ingest.video.Backoff;
import io.tessera.ingest.video.OpenCvCapture;
import io.tessera.ingest.video.VideoInput;
import io.tessera.ingest.video.VideoSource;
import io.tessera.kafka.local.KafkaCluster;
import io.tessera.protocol.ContentType;
import io.tessera.protocol.FrameMetadata;
import io.tessera.protocol.TopicDescriptor;
import io.tessera.protocol.Topics;
import io.tessera.testing.kafka.KafkaBrokerExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import nu.pattern.OpenCV;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.videoio.VideoWriter;
import org.opencv.videoio.Videoio;

@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class VideoIngestIT {

    @Test
    void aVideoFileWrittenByTheTestIsPublishedFrameByFrame(KafkaCluster kafka, @TempDir Path tmp) throws Exception {
        OpenCV.loadLocally();
        Path avi = tmp.resolve("line.avi");
        VideoWriter writer = new VideoWriter(avi.toString(), Videoio.CAP_OPENCV_MJPEG, VideoWriter.fourcc('M', 'J', 'P', 'G'), 25,
                new Size(640, 360), true);
        assertThat(writer.isOpened()).isTrue();
        for (int i = 0; i < 8; i++) {
            Mat m = new Mat(360, 640, CvType.CV_8UC3, new Scalar(30 * i, 100, 200 - 20 * i));
            writer.write(m);
            m.release();
        }
        writer.release();

        TopicDescriptor<String, byte[]> frames = Topics.withPrefix("video.", 16 * 1024 * 1024).frames();
        kafka.createTopics(1, frames.name());
        VideoSource source = new VideoSource(VideoInput.parse(avi.toString()), OpenCvCapture.opener(Videoio.CAP_ANY),
                new FrameEncoder(OutputFormat.BGR8, 90, true), "cam-vid", "line-vid", Clock.systemUTC(), Waiter.system(),
                Backoff.defaults(), false);
        try (KafkaFrameSink sink = KafkaFrameSink.create(frames, ProducerSettings.defaults(kafka.bootstrapServers()), "video-it");
             FramePublisher publisher = FramePublisher.builder().source(source).sink(sink).pace(Pace.fixedRate(source.declaredFps())).build()) {
            publisher.run();
        }
        List<ConsumerRecord<String, byte[]>> records = KafkaFrames.read(kafka.bootstrapServers(), frames.name(), 8);
        assertThat(records).hasSize(8);
        for (int i = 0; i < 8; i++) {
            FrameMetadata m = FrameMetadata.readFrom(records.get(i).key(), records.get(i).headers());
            assertThat(m.contentType()).isEqualTo(ContentType.BGR8);
            assertThat(m.sequence()).isEqualTo(i);
            assertThat(records.get(i).value()).hasSize(640 * 360 * 3);
            // Motion-JPEG is lossy: the flat colour comes back within a few levels
            assertThat(Byte.toUnsignedInt(records.get(i).value()[0])).isCloseTo(30 * i, Offset.offset(6));
        }
    }
}

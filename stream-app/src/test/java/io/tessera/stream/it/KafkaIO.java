package io.tessera.stream.it;

import io.tessera.ingest.publish.FramePublisher;
import io.tessera.ingest.publish.IngestStats;
import io.tessera.ingest.publish.KafkaFrameSink;
import io.tessera.ingest.publish.Pace;
import io.tessera.ingest.publish.ProducerSettings;
import io.tessera.ingest.recording.RecordingReader;
import io.tessera.ingest.recording.RecordingSource;
import io.tessera.protocol.TopicDescriptor;
import java.nio.file.Path;
import java.time.Clock;

/** Replays recordings into Kafka with camera-ingest's replay path. */
final class KafkaIO {
    private KafkaIO() {
    }

    /** Publishes a recording as fast as the broker takes it, with camera-ingest's replay path. */
    static void replay(String bootstrap, TopicDescriptor<String, byte[]> frames, Path recording) throws Exception {
        try (KafkaFrameSink sink = KafkaFrameSink.create(frames, ProducerSettings.defaults(bootstrap), "it-replay");
                FramePublisher publisher = FramePublisher.builder()
                        .source(new RecordingSource(RecordingReader.open(recording), false)).sink(sink)
                        .pace(Pace.asFastAsPossible()).clock(Clock.systemUTC()).stats(new IngestStats()).build().start()) {
            publisher.await();
        }
    }
}

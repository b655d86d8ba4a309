package io.tessera.ingest.cli;

import io.tessera.ingest.IngestException;
import io.tessera.ingest.publish.KafkaFrameSink;
import io.tessera.ingest.publish.Pace;
import io.tessera.ingest.recording.RecordingReader;
import io.tessera.ingest.recording.RecordingSource;
import io.tessera.protocol.TopicDescriptor;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tessera replay}: publish a recording again. */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        defaultValueProvider = IngestDefaults.class,
        description = {
            "Publishes a recording made by 'record' to the frames topic: same keys, same headers in the same order, same"
                    + " bytes; the record timestamps are the send times. Frames go out at the recorded spacing, N times faster"
                    + " with --speed N, or as fast as the broker takes them with --max.",
            "A torn last manifest line (a crash while recording) is reported and skipped; every whole frame is replayed."
        })
public final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RECORDING", description = "The recording folder.")
    Path recording;

    static final class Timing {
        @Option(names = "--speed", paramLabel = "N", description = "N times the original speed, e.g. 2 or 0.5 (default: 1).")
        Double speed;

        @Option(names = "--max", description = "As fast as the broker takes the frames.")
        boolean max;
    }

    @ArgGroup(exclusive = true)
    Timing timing;

    @Option(names = "--restamp", description = "Set each frame's capture time to its send time (default: keep the recorded headers exactly).")
    boolean restamp;

    @Option(names = "--topic", paramLabel = "TOPIC",
            description = "Topic to publish to (default: the frames topic, with --topic-prefix).")
    String topic;

    @Option(names = "--status-interval", paramLabel = "TIME", converter = DurationConverter.class,
            description = "How often the status line is printed; 0s for none (default: ${DEFAULT-VALUE}).", defaultValue = "1s")
    Duration statusInterval;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    ProducerOptions producer;

    @Override
    public Integer call() {
        RecordingReader reader;
        try {
            reader = RecordingReader.open(recording);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e, null, null);
        }
        Pace pace;
        if (timing != null && timing.max) {
            pace = Pace.asFastAsPossible();
        } else {
            double speed = timing == null || timing.speed == null ? 1 : timing.speed;
            try {
                pace = Pace.asRecorded(speed);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--speed: " + e.getMessage());
            }
        }
        TopicDescriptor<String, byte[]> frames = kafka.topics().frames();
        if (topic != null) {
            frames = new TopicDescriptor<>(topic, frames.keySerde(), frames.valueSerde());
        }
        reader.tornTail().ifPresent(t -> spec.commandLine().getErr().println("warning: " + t + "; replaying the "
                + reader.size() + " whole frames before it"));
        RecordingSource source = new RecordingSource(reader, restamp);
        try (KafkaFrameSink sink = KafkaFrameSink.create(frames, producer.settings(kafka.bootstrap).withClientProperties(kafka.clientProperties()),
                "tessera-replay")) {
            sink.awaitTopic();
            spec.commandLine().getErr().println("replaying " + reader.size() + " frames of " + recording + " to " + sink.describe());
            return ForegroundIngest.run(List.of(source), sink, pace, null, 0, statusInterval,
                    spec.commandLine().getOut(), spec.commandLine().getErr());
        } catch (IngestException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return 1;
        }
    }
}

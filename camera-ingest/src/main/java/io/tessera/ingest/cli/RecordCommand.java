package io.tessera.ingest.cli;

import io.tessera.ingest.IngestException;
import io.tessera.ingest.recording.FrameRecorder;
import io.tessera.ingest.recording.RecordingFormat;
import io.tessera.ingest.recording.RecordingWriter;
import io.tessera.protocol.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tessera record}: capture frames with their headers and timestamps from Kafka into a recording. */
@Command(name = "record", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        defaultValueProvider = IngestDefaults.class,
        description = {
            "Consumes a frames topic (every partition, read_committed, no consumer group, nothing committed) into a new"
                    + " recording folder that 'replay' publishes again byte for byte.",
            "Format (version 1): recording.json; manifest.jsonl, one line per frame {\"crc32c\":...,\"entry\":{n, file, size,"
                    + " crc32c, topic, partition, offset, timestamp, key, headers}}; frames/<n>.<jpg|png|bmp|bin> with the record"
                    + " value as is. Each frame file is fsync'd before its manifest line, so a crash leaves at worst a torn last"
                    + " line, which readers detect and ignore.",
            "Stops at --max-frames, --duration, --idle-timeout, --until-end or Ctrl-C, whichever comes first."
        })
public final class RecordCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--topic", paramLabel = "TOPIC", description = "Topic to record (default: ${DEFAULT-VALUE}, with --topic-prefix).",
            defaultValue = Topics.FRAMES)
    String topic;

    @Option(names = "--out", paramLabel = "FOLDER", required = true, description = "New recording folder (must not exist or be empty).")
    Path out;

    @Option(names = "--append",
            description = "Continue the recording already in --out (for example after a crash: its torn last line is cut off)"
                    + " instead of requiring a new folder.")
    boolean append;

    @Option(names = "--from", paramLabel = "WHERE",
            description = "beginning (everything the topic holds) or end (only frames published from now on) (default: ${DEFAULT-VALUE}).",
            defaultValue = "end")
    String from;

    @Option(names = "--until-end", description = "Stop once every partition is read up to where it ended when recording started.")
    boolean untilEnd;

    @Option(names = "--max-frames", paramLabel = "N", description = "Stop after N frames (default: no limit).", defaultValue = "0")
    long maxFrames;

    @Option(names = "--duration", paramLabel = "TIME", converter = DurationConverter.class, description = "Stop after this long, e.g. 60s.")
    Duration duration;

    @Option(names = "--idle-timeout", paramLabel = "TIME", converter = DurationConverter.class,
            description = "Stop after this long without a frame, e.g. 10s.")
    Duration idleTimeout;

    @Option(names = "--consumer-prop", paramLabel = "KEY=VALUE", description = "Any other Kafka consumer property (repeatable).")
    Map<String, String> consumerProps = new LinkedHashMap<>();

    @Option(names = "--status-interval", paramLabel = "TIME", converter = DurationConverter.class,
            description = "How often progress is printed; 0s for never (default: ${DEFAULT-VALUE}).", defaultValue = "1s")
    Duration statusInterval;

    @Mixin
    KafkaOptions kafka;

    @Override
    public Integer call() {
        FrameRecorder.Start start = switch (from.trim().toLowerCase(Locale.ROOT)) {
            case "beginning", "earliest" -> FrameRecorder.Start.BEGINNING;
            case "end", "latest" -> FrameRecorder.Start.END;
            default -> throw new ParameterException(spec.commandLine(), "--from must be beginning or end, got '" + from + "'");
        };
        String topicName = kafka.topicPrefix + topic;
        PrintWriter err = spec.commandLine().getErr();
        RecordingWriter writer;
        try {
            writer = append && Files.exists(out.resolve(RecordingFormat.INFO_FILE))
                    ? RecordingWriter.resume(out, topicName)
                    : RecordingWriter.create(out, topicName, kafka.bootstrap);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e, null, null);
        }
        FrameRecorder recorder = new FrameRecorder(
                FrameRecorder.consumer(kafka.topics().frames(), kafka.bootstrap, kafka.maxFrameBytes, consumerSettings()),
                topicName, kafka.bootstrap, writer, start, new FrameRecorder.Limits(maxFrames, duration, untilEnd, idleTimeout),
                Clock.systemUTC());
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            recorder.stop();
            try {
                done.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "record-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "record-progress");
            t.setDaemon(true);
            return t;
        });
        if (!statusInterval.isZero()) {
            long[] last = {0, 0, System.nanoTime()}; // frames, bytes, time at the previous line
            progress.scheduleAtFixedRate(() -> {
                long frames = recorder.recorded();
                long bytes = recorder.recordedBytes();
                long now = System.nanoTime();
                double seconds = Math.max(1e-9, (now - last[2]) / 1e9);
                err.printf(Locale.ROOT, "%6.1f frames/s %7.1f MB/s | recorded %d frames, %.1f MB%n", (frames - last[0]) / seconds,
                        (bytes - last[1]) / seconds / 1e6, frames, bytes / 1e6);
                err.flush();
                last[0] = frames;
                last[1] = bytes;
                last[2] = now;
            }, statusInterval.toMillis(), statusInterval.toMillis(), TimeUnit.MILLISECONDS);
        }
        err.println("recording " + topicName + " at " + kafka.bootstrap + " into " + out + " (from " + start.name().toLowerCase(Locale.ROOT) + ")");
        try {
            recorder.run();
            return 0;
        } catch (IngestException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } finally {
            progress.shutdownNow();
            recorder.close();
            spec.commandLine().getOut().printf(Locale.ROOT, "recorded %d frames (%.1f MB) into %s (%s)%n", recorder.recorded(),
                    recorder.recordedBytes() / 1e6, out, RecordingFormat.MANIFEST);
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down: the hook is running
            }
        }
    }

    /** --client-config and TESSERA_KAFKA_* first, --consumer-prop over them. */
    private Map<String, String> consumerSettings() {
        Map<String, String> merged = new LinkedHashMap<>(kafka.clientProperties());
        merged.putAll(consumerProps);
        return merged;
    }
}

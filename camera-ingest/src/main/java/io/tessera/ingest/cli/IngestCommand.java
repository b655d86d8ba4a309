package io.tessera.ingest.cli;

import io.tessera.ingest.IngestException;
import io.tessera.ingest.metrics.MetricsOptions;
import io.tessera.ingest.publish.KafkaFrameSink;
import io.tessera.ingest.publish.Pace;
import io.tessera.ingest.publish.Waiter;
import io.tessera.ingest.recording.RecordingReader;
import io.tessera.ingest.recording.RecordingSource;
import io.tessera.ingest.sim.LineSimulator;
import io.tessera.ingest.source.DirectorySource;
import io.tessera.ingest.source.FrameEncoder;
import io.tessera.ingest.source.FrameSource;
import io.tessera.ingest.source.OutputFormat;
import io.tessera.ingest.video.Backoff;
import io.tessera.ingest.video.OpenCvCapture;
import io.tessera.ingest.video.VideoBackends;
import io.tessera.ingest.video.VideoInput;
import io.tessera.ingest.video.VideoSource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tessera ingest}: publish frames from a source to the frames topic at a frame rate. */
@Command(name = "ingest", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        defaultValueProvider = IngestDefaults.class,
        description = {
            "Publishes camera frames to the frames topic: key = camera id, value = the image, metadata in tessera.* headers.",
            "Sources: sim (2K line simulator over real BSData photos, with ground truth), dir (a folder of images),"
                    + " recording (a recording made by 'record'), video (OpenCV VideoCapture: file, stream URL or camera index).",
            "A live status line shows frames/s and MB/s acknowledged, send latency, and frames late (sent later than one"
                    + " frame period after their due time: counted, never dropped). Ctrl-C stops, flushes and prints a summary.",
            "Defaults come from config/camera-ingest.properties when present."
        },
        footer = {
            "",
            "Video backends of the bundled OpenCV 4.9.0 (org.openpnp:opencv 4.9.0-0, Linux x86-64): V4L2 (USB cameras, --video 0),",
            "CV_MJPEG (Motion-JPEG .avi files), CV_IMAGES (image sequences such as frame_%%04d.png) and OBSENSOR (Orbbec).",
            "It has no FFMPEG and no GStreamer: RTSP/HTTP streams and H.264/MP4 files cannot be opened with it.",
            "--video-backends prints what this machine's build really reports.",
            "",
            "Examples:",
            "  tessera ingest --source sim --fps 30 --duration 60s",
            "  tessera ingest --source sim --lines 2 --cameras 3 --defect-rate 0.1 --images ../shared/datasets/bsdata",
            "  tessera ingest --source dir --dir ./images --glob '*.png' --loop --fps 5",
            "  tessera ingest --source recording --recording ./rec1 --speed 4",
            "  tessera ingest --source video --video line.avi --camera-id cam-7"
        })
public final class IngestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--source", paramLabel = "KIND", description = "sim, dir, recording or video (default: ${DEFAULT-VALUE}).",
            defaultValue = "sim")
    String source;

    @Option(names = "--camera-id", paramLabel = "ID",
            description = "Camera id, the record key (default: ${DEFAULT-VALUE}). With several simulated cameras: <id>-<line>-<n>.",
            defaultValue = "cam-1")
    String cameraId;

    @Option(names = "--line-id", paramLabel = "ID",
            description = "Production line id (default: ${DEFAULT-VALUE}). With several simulated lines: <id>-<n>.",
            defaultValue = "line-1")
    String lineId;

    @Option(names = "--fps", paramLabel = "N",
            description = "Frames per second per camera for sim and dir; for a video file 0 means the file's own rate"
                    + " (default: ${DEFAULT-VALUE}). Live video is paced by the camera.",
            defaultValue = "30")
    double fps;

    @Option(names = "--duration", paramLabel = "TIME", converter = DurationConverter.class,
            description = "Stop after this long, e.g. 30s, 5m (default: run until the source ends or Ctrl-C).")
    Duration duration;

    @Option(names = "--max-frames", paramLabel = "N", description = "Stop after N frames per camera (default: no limit).",
            defaultValue = "0")
    long maxFrames;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "Wire format: jpeg, png, mono8 (raw 8-bit gray) or bgr8 (raw 8-bit BGR) (default: ${DEFAULT-VALUE}).",
            defaultValue = "jpeg")
    String format;

    @Option(names = "--jpeg-quality", paramLabel = "1-100", description = "JPEG quality when encoding (default: ${DEFAULT-VALUE}).",
            defaultValue = "90")
    int jpegQuality;

    @Option(names = "--reencode-jpeg",
            description = "Re-encode JPEG inputs (dir) at --jpeg-quality instead of passing them through untouched.")
    boolean reencodeJpeg;

    @Option(names = "--status-interval", paramLabel = "TIME", converter = DurationConverter.class,
            description = "How often the status line is printed; 0s for none (default: ${DEFAULT-VALUE}).", defaultValue = "1s")
    Duration statusInterval;

    @Option(names = "--video-backends", description = "Print the OpenCV video backends this build has, and exit.")
    boolean listBackends;

    @Mixin
    SimOptions sim;

    @Option(names = "--dir", paramLabel = "FOLDER", description = "dir: the folder of images (JPEG, PNG, BMP), read in name order.")
    Path dir;

    @Option(names = "--glob", paramLabel = "GLOB",
            description = "dir: which files, e.g. '*.png' (default: all .jpg, .jpeg, .png and .bmp files).")
    String glob;

    @Option(names = "--loop", description = "dir and video files: start over at the end instead of stopping.")
    boolean loop;

    @Option(names = "--recording", paramLabel = "FOLDER", description = "recording: the recording folder (made by 'record').")
    Path recording;

    @Option(names = "--speed", paramLabel = "N", description = "recording: N times the original speed (default: ${DEFAULT-VALUE}).",
            defaultValue = "1")
    double speed;

    @Option(names = "--max", description = "recording: as fast as the broker takes it, ignoring the original timing.")
    boolean max;

    @Option(names = "--restamp",
            description = "recording: set each frame's capture time to its send time (default: keep the recorded headers exactly).")
    boolean restamp;

    @Option(names = "--video", paramLabel = "INPUT",
            description = "video: a camera index (0 = /dev/video0), a stream URL or a video file (.avi Motion-JPEG with this build).")
    String video;

    @Option(names = "--video-backend", paramLabel = "NAME",
            description = "video: ANY, V4L2, CV_MJPEG, CV_IMAGES, OBSENSOR, FFMPEG or GSTREAMER (default: ${DEFAULT-VALUE}).",
            defaultValue = "ANY")
    String videoBackend;

    @Option(names = "--reconnect-attempts", paramLabel = "N",
            description = "video: give up after N failed reconnections in a row, 0 = never (default: ${DEFAULT-VALUE});"
                    + " waits 0.5 s, doubling up to 30 s.",
            defaultValue = "0")
    int reconnectAttempts;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    ProducerOptions producer;

    @Mixin
    MetricsOptions metrics;

    @Override
    public Integer call() {
        if (listBackends) {
            spec.commandLine().getOut().println(VideoBackends.summary());
            spec.commandLine().getOut().println(VideoBackends.buildInformation());
            return 0;
        }
        FrameEncoder encoder;
        try {
            encoder = new FrameEncoder(OutputFormat.parse(format), jpegQuality, !reencodeJpeg);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        String kind = source.trim().toLowerCase(Locale.ROOT);
        LineSimulator simulator = null;
        List<? extends FrameSource> sources;
        Pace pace;
        try {
            switch (kind) {
                case "sim" -> {
                    simulator = sim.build(cameraId, lineId, encoder);
                    if (sim.distinctFrames > 0) {
                        spec.commandLine().getErr().println("pre-rendering " + sim.distinctFrames + " images for each of "
                                + simulator.cameras().size() + " camera(s) ...");
                        simulator.prerender();
                    }
                    sources = simulator.cameras();
                    pace = Pace.fixedRate(fps);
                }
                case "dir" -> {
                    require(dir, "--dir");
                    sources = List.of(new DirectorySource(dir, glob, loop, encoder, cameraId, lineId, Clock.systemUTC()));
                    pace = Pace.fixedRate(fps);
                }
                case "recording" -> {
                    require(recording, "--recording");
                    sources = List.of(new RecordingSource(RecordingReader.open(recording), restamp));
                    pace = max ? Pace.asFastAsPossible() : Pace.asRecorded(speed);
                }
                case "video" -> {
                    require(video, "--video");
                    VideoInput input = VideoInput.parse(video);
                    VideoSource vs = new VideoSource(input, OpenCvCapture.opener(OpenCvCapture.backendId(videoBackend)), encoder,
                            cameraId, lineId, Clock.systemUTC(), Waiter.system(),
                            new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), reconnectAttempts), loop);
                    sources = List.of(vs);
                    double rate = fps > 0 ? fps : vs.declaredFps();
                    pace = input.live() || rate <= 0 ? Pace.asFastAsPossible() : Pace.fixedRate(rate);
                }
                default -> throw new ParameterException(spec.commandLine(),
                        "--source must be sim, dir, recording or video; got '" + source + "'");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (simulator != null) {
                simulator.close();
            }
            return 1;
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            if (simulator != null) {
                simulator.close();
            }
            throw new ParameterException(spec.commandLine(), e.getMessage(), e, null, null);
        }
        String client = "tessera-ingest-" + kind;
        try (KafkaFrameSink sink = KafkaFrameSink.create(kafka.topics().frames(), producer.settings(kafka.bootstrap).withClientProperties(kafka.clientProperties()), client)) {
            sink.awaitTopic();
            spec.commandLine().getErr().println("publishing " + sources.size() + " source(s) (" + kind + ") to " + sink.describe());
            return ForegroundIngest.run(sources, sink, pace, duration, maxFrames, statusInterval, metrics,
                    spec.commandLine().getOut(), spec.commandLine().getErr());
        } catch (IngestException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return 1;
        } finally {
            sources.forEach(FrameSource::close);
            if (simulator != null) {
                simulator.close();
            }
        }
    }

    private void require(Object value, String option) {
        if (value == null) {
            throw new ParameterException(spec.commandLine(), "--source " + source + " needs " + option);
        }
    }
}

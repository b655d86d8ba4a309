package io.tessera.ingest.video;

import io.tessera.ingest.CapturedFrame;
import io.tessera.ingest.publish.Waiter;
import io.tessera.ingest.source.EncodedImage;
import io.tessera.ingest.source.FrameEncoder;
import io.tessera.ingest.source.FrameSource;
import io.tessera.protocol.FrameMetadata;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.opencv.core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frames from an OpenCV video capture: a file (ends, or starts over with {@code loop}), a stream
 * URL or a camera device. A live input that stops delivering is closed and opened again with
 * back-off; each drop and each reconnection is logged and counted. The first open must succeed:
 * a wrong device index or URL is a configuration error, reported at once with the backends this
 * OpenCV build has.
 */
public final class VideoSource implements FrameSource {
    private static final Logger LOG = LoggerFactory.getLogger(VideoSource.class);

    private final VideoInput input;
    private final Capture.Opener opener;
    private final FrameEncoder encoder;
    private final String cameraId;
    private final String lineId;
    private final Clock clock;
    private final Waiter waiter;
    private final Backoff backoff;
    private final boolean loop;
    private final Mat frame = new Mat();
    private Capture capture;
    private long sequence;
    private long reconnects;
    private long framesThisOpen;

    public VideoSource(VideoInput input, Capture.Opener opener, FrameEncoder encoder, String cameraId, String lineId,
                       Clock clock, Waiter waiter, Backoff backoff, boolean loop) {
        this.input = input;
        this.opener = opener;
        this.encoder = encoder;
        this.cameraId = cameraId;
        this.lineId = lineId;
        this.clock = clock;
        this.waiter = waiter;
        this.backoff = backoff;
        this.loop = loop;
        this.capture = opener.open(input);
        if (capture == null) {
            throw new IllegalArgumentException(cannotOpen());
        }
        LOG.info("opened {} with OpenCV backend {} ({} frames/s declared)", input.spec(), capture.backend(), capture.fps());
    }

    private String cannotOpen() {
        String why = switch (input.kind()) {
            case STREAM -> VideoBackends.canOpenStreams() ? "the stream did not answer"
                    : "this OpenCV build has neither FFMPEG nor GStreamer, so it cannot open network streams";
            case DEVICE -> "no camera at index " + input.spec() + " (is /dev/video" + input.spec() + " there and readable?)";
            case FILE -> "no backend could read the file (this build reads Motion-JPEG .avi; no FFMPEG for H.264/MP4)";
        };
        return "--video " + input.spec() + " cannot be opened: " + why + ". " + VideoBackends.summary();
    }

    /** Frames per second the input declares (0 when unknown): the default pace of a file. */
    public double declaredFps() {
        return capture == null ? 0 : capture.fps();
    }

    @Override
    public Optional<CapturedFrame> next() throws IOException, InterruptedException {
        while (true) {
            if (capture != null && capture.read(frame)) {
                framesThisOpen++;
                Instant taken = clock.instant();
                EncodedImage image = encoder.encode(frame);
                FrameMetadata metadata = new FrameMetadata(cameraId, lineId, sequence++, taken, image.contentType(),
                        image.width(), image.height(), null, null, List.of());
                return Optional.of(CapturedFrame.of(metadata, image.bytes()));
            }
            closeCapture();
            if (!input.live()) {
                if (!loop || framesThisOpen == 0) {
                    return Optional.empty();
                }
                capture = opener.open(input);
                framesThisOpen = 0;
                continue;
            }
            reconnect();
        }
    }

    private void reconnect() throws IOException, InterruptedException {
        LOG.warn("{} stopped delivering frames; reconnecting", input.spec());
        for (int attempt = 0; ; attempt++) {
            if (backoff.exhausted(attempt)) {
                throw new IOException(input.spec() + " dropped and did not come back after " + attempt + " attempts");
            }
            Duration delay = backoff.delay(attempt);
            sleep(delay);
            capture = opener.open(input);
            if (capture != null) {
                reconnects++;
                framesThisOpen = 0;
                LOG.info("{} reconnected after {} attempt(s) ({} reconnections so far)", input.spec(), attempt + 1, reconnects);
                return;
            }
            LOG.warn("{} still unavailable (attempt {}), next try in {} ms", input.spec(), attempt + 1,
                    backoff.delay(attempt + 1).toMillis());
        }
    }

    private void sleep(Duration delay) throws InterruptedException {
        Instant until = clock.instant().plus(delay);
        for (Duration left = delay; left.compareTo(Duration.ZERO) > 0; left = Duration.between(clock.instant(), until)) {
            waiter.await(left);
        }
    }

    private void closeCapture() {
        if (capture != null) {
            capture.close();
            capture = null;
        }
    }

    @Override
    public String describe() {
        return "video " + input.spec() + " " + cameraId + "@" + lineId;
    }

    @Override
    public long reconnects() {
        return reconnects;
    }

    @Override
    public void close() {
        closeCapture();
        frame.release();
    }
}

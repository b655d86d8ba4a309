package io.tessera.ingest.video;

import java.util.Locale;
import nu.pattern.OpenCV;
import org.opencv.core.Mat;
import org.opencv.videoio.VideoCapture;
import org.opencv.videoio.Videoio;

/** {@link Capture} over OpenCV's {@code VideoCapture}, letting OpenCV pick the backend unless one is named. */
public final class OpenCvCapture implements Capture {
    private final VideoCapture capture;

    private OpenCvCapture(VideoCapture capture) {
        this.capture = capture;
    }

    /**
     * An opener.
     *
     * @param apiPreference a {@code Videoio.CAP_*} backend id, or {@code Videoio.CAP_ANY}
     */
    public static Opener opener(int apiPreference) {
        OpenCV.loadLocally();
        return input -> {
            VideoCapture vc = input.kind() == VideoInput.Kind.DEVICE
                    ? new VideoCapture(input.deviceIndex(), apiPreference)
                    : new VideoCapture(input.spec(), apiPreference);
            if (!vc.isOpened()) {
                vc.release();
                return null;
            }
            return new OpenCvCapture(vc);
        };
    }

    /** A backend id from a name such as {@code V4L2}, {@code CV_MJPEG} or {@code ANY}. */
    public static int backendId(String name) {
        OpenCV.loadLocally();
        String n = name.trim().toUpperCase(Locale.ROOT);
        return switch (n) {
            case "ANY", "" -> Videoio.CAP_ANY;
            case "V4L2", "V4L" -> Videoio.CAP_V4L2;
            case "CV_MJPEG", "MJPEG", "OPENCV_MJPEG" -> Videoio.CAP_OPENCV_MJPEG;
            case "CV_IMAGES", "IMAGES" -> Videoio.CAP_IMAGES;
            case "OBSENSOR" -> Videoio.CAP_OBSENSOR;
            case "FFMPEG" -> Videoio.CAP_FFMPEG;
            case "GSTREAMER" -> Videoio.CAP_GSTREAMER;
            default -> throw new IllegalArgumentException("--video-backend must be ANY, V4L2, CV_MJPEG, CV_IMAGES, OBSENSOR,"
                    + " FFMPEG or GSTREAMER; got '" + name + "'");
        };
    }

    @Override
    public boolean read(Mat into) {
        return capture.read(into) && !into.empty();
    }

    @Override
    public double fps() {
        double fps = capture.get(Videoio.CAP_PROP_FPS);
        return Double.isFinite(fps) && fps > 0 && fps < 1000 ? fps : 0;
    }

    @Override
    public String backend() {
        return capture.getBackendName();
    }

    @Override
    public void close() {
        capture.release();
    }
}

package io.tessera.ingest.video;

import java.util.List;
import nu.pattern.OpenCV;
import org.opencv.core.Core;
import org.opencv.videoio.Videoio;

/**
 * Which OpenCV video I/O backends this build of {@code org.openpnp:opencv} really has. OpenCV's
 * Java binding has no {@code getCameraBackends()}, so the known backend ids are asked one by one
 * with {@code Videoio.hasBackend}. The 4.9.0-0 build for Linux x86-64 has V4L2 (USB cameras),
 * CV_MJPEG (Motion-JPEG in AVI files, read and write), CV_IMAGES (numbered image sequences) and
 * OBSENSOR (Orbbec cameras), and no FFMPEG or GStreamer: RTSP/HTTP streams and H.264/MP4 files
 * cannot be opened with it.
 */
public final class VideoBackends {
    private record Backend(int id, String description) {
    }

    private static final List<Backend> KNOWN = List.of(
            new Backend(Videoio.CAP_V4L2, "V4L2 (USB/V4L2 cameras)"),
            new Backend(Videoio.CAP_OPENCV_MJPEG, "CV_MJPEG (Motion-JPEG .avi files)"),
            new Backend(Videoio.CAP_IMAGES, "CV_IMAGES (image sequences such as frame_%04d.png)"),
            new Backend(Videoio.CAP_OBSENSOR, "OBSENSOR (Orbbec cameras)"),
            new Backend(Videoio.CAP_FFMPEG, "FFMPEG (files, RTSP/HTTP streams)"),
            new Backend(Videoio.CAP_GSTREAMER, "GSTREAMER (pipelines, RTSP)"),
            new Backend(Videoio.CAP_FIREWIRE, "FIREWIRE/DC1394 (IEEE 1394 cameras)"),
            new Backend(Videoio.CAP_XINE, "XINE (files)"),
            new Backend(Videoio.CAP_ARAVIS, "ARAVIS (GigE Vision cameras)"));

    private VideoBackends() {
    }

    /** Backends present in this build, described. */
    public static List<String> available() {
        OpenCV.loadLocally();
        return KNOWN.stream().filter(b -> Videoio.hasBackend(b.id())).map(Backend::description).toList();
    }

    /** Known backends this build lacks. */
    public static List<String> missing() {
        OpenCV.loadLocally();
        return KNOWN.stream().filter(b -> !Videoio.hasBackend(b.id())).map(Backend::description).toList();
    }

    public static boolean canOpenStreams() {
        OpenCV.loadLocally();
        return Videoio.hasBackend(Videoio.CAP_FFMPEG) || Videoio.hasBackend(Videoio.CAP_GSTREAMER);
    }

    /** The "Video I/O" section of {@code Core.getBuildInformation()}. */
    public static String buildInformation() {
        OpenCV.loadLocally();
        String info = Core.getBuildInformation();
        int start = info.indexOf("Video I/O:");
        if (start < 0) {
            return "(no Video I/O section in the OpenCV build information)";
        }
        int end = info.indexOf("\n\n", start);
        return info.substring(start, end < 0 ? info.length() : end).stripTrailing();
    }

    public static String summary() {
        return "OpenCV " + Core.VERSION + " video backends present: " + String.join(", ", available())
                + "; absent: " + String.join(", ", missing());
    }
}

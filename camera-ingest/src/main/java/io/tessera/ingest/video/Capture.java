package io.tessera.ingest.video;

import org.opencv.core.Mat;

/** An opened video input: OpenCV's {@code VideoCapture} in production, a fake in tests of reconnection. */
public interface Capture extends AutoCloseable {

    /** Reads the next frame into {@code into}; false when the input ended or dropped. */
    boolean read(Mat into);

    /** Frames per second the input declares; 0 when unknown. */
    double fps();

    /** The OpenCV backend serving it, e.g. {@code CV_MJPEG}, {@code V4L2}. */
    String backend();

    @Override
    void close();

    /** Opens inputs; returns null when the input cannot be opened. */
    interface Opener {
        Capture open(VideoInput input);
    }
}

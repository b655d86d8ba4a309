package io.tessera.testing;

import io.tessera.protocol.ContentType;
import io.tessera.protocol.FrameMetadata;
import io.tessera.vision.OpenCv;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/** Frames made for tests: white images, optionally with a black square (a "defect"), encoded as asked. */
public final class TestFrames {
    private TestFrames() {
    }

    /** A white BGR image of {@code width x height} with a black square at (x, y) of side {@code side} (0: none). */
    public static Mat image(int width, int height, int x, int y, int side) {
        OpenCv.load();
        Mat m = new Mat(height, width, CvType.CV_8UC3, new Scalar(255, 255, 255));
        if (side > 0) {
            Imgproc.rectangle(m, new Point(x, y), new Point(x + side - 1, y + side - 1), new Scalar(0, 0, 0), -1);
        }
        return m;
    }

    public static byte[] encode(Mat image, String extension) {
        MatOfByte out = new MatOfByte();
        MatOfInt params = extension.equals(".jpg") ? new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 95) : new MatOfInt();
        if (!Imgcodecs.imencode(extension, image, out, params)) {
            throw new IllegalStateException("cannot encode " + extension);
        }
        byte[] bytes = out.toArray();
        out.release();
        return bytes;
    }

    public static byte[] jpeg(int width, int height, int x, int y, int side) {
        Mat m = image(width, height, x, y, side);
        try {
            return encode(m, ".jpg");
        } finally {
            m.release();
        }
    }

    public static byte[] whiteJpeg(int width, int height) {
        return jpeg(width, height, 0, 0, 0);
    }

    public static Headers headers(String line, long seq, Instant capture, ContentType type) {
        RecordHeaders headers = new RecordHeaders();
        FrameMetadata.of("cam-1", line, seq, capture, type).writeTo(headers);
        return headers;
    }

    public static Headers headers(String line, long seq, Instant capture, ContentType type, int width, int height) {
        RecordHeaders headers = new RecordHeaders();
        new FrameMetadata("cam-1", line, seq, capture, type, width, height, null, null, List.of()).writeTo(headers);
        return headers;
    }

    /** The JPEG with {@code n} extra (empty) scans before its end marker: the shape of a scan bomb. */
    public static byte[] withExtraScans(byte[] jpeg, int n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, jpeg.length - 2);
        byte[] sos = {(byte) 0xFF, (byte) 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00, 0x00};
        for (int i = 0; i < n; i++) {
            out.write(sos, 0, sos.length);
        }
        out.write(0xFF);
        out.write(0xD9);
        return out.toByteArray();
    }

    /** The JPEG with an EXIF APP1 segment carrying only an orientation tag (6: rotate 90 degrees to show). */
    public static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        byte[] app1 = {(byte) 0xFF, (byte) 0xE1, 0x00, 0x22, 'E', 'x', 'i', 'f', 0x00, 0x00,
            'M', 'M', 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08, // TIFF header, big-endian, IFD0 at offset 8
            0x00, 0x01, // one entry
            0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, (byte) orientation, 0x00, 0x00, // Orientation, SHORT
            0x00, 0x00, 0x00, 0x00}; // no next IFD
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(app1, 0, app1.length);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }
}

package io.tessera.vision;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/** Decodes image bytes into an 8-bit BGR {@link Mat}, the one pixel layout the tiler accepts. */
public final class ImageDecoder {
    private ImageDecoder() {
    }

    /**
     * Decodes JPEG, PNG or BMP bytes. Grayscale images come back as 3-channel BGR.
     *
     * @throws IllegalArgumentException when the bytes are not a decodable image
     */
    /**
     * Pixels as the sensor stored them: an EXIF orientation tag is ignored, so the decoded size is
     * the size the image header (and the frame's headers) declare, on the camera side and here.
     */
    public static final int STORED_ORIENTATION = Imgcodecs.IMREAD_COLOR | Imgcodecs.IMREAD_IGNORE_ORIENTATION;

    public static Mat decode(byte[] encoded) {
        OpenCv.load();
        if (encoded == null || encoded.length == 0) {
            throw new IllegalArgumentException("image is empty");
        }
        MatOfByte buffer = new MatOfByte(encoded);
        try {
            Mat image = Imgcodecs.imdecode(buffer, STORED_ORIENTATION);
            if (image.empty()) {
                image.release();
                throw new IllegalArgumentException("image bytes cannot be decoded (" + encoded.length + " bytes)");
            }
            return image;
        } finally {
            buffer.release();
        }
    }

    /** Wraps raw pixels (mono8 or bgr8, row-major, no padding) as a BGR {@link Mat}. */
    public static Mat fromRaw(byte[] pixels, int width, int height, int channels) {
        OpenCv.load();
        long expected = (long) width * height * channels;
        if (pixels.length != expected) {
            throw new IllegalArgumentException("raw image of " + width + "x" + height + "x" + channels + " needs "
                    + expected + " bytes, got " + pixels.length);
        }
        Mat raw = new Mat(height, width, channels == 1 ? CvType.CV_8UC1 : CvType.CV_8UC3);
        raw.put(0, 0, pixels);
        if (channels == 3) {
            return raw;
        }
        Mat bgr = new Mat();
        Imgproc.cvtColor(raw, bgr, Imgproc.COLOR_GRAY2BGR);
        raw.release();
        return bgr;
    }

    /** Reads an image file into BGR. */
    public static Mat read(java.nio.file.Path path) {
        OpenCv.load();
        Mat image = Imgcodecs.imread(path.toString(), Imgcodecs.IMREAD_COLOR);
        if (image.empty()) {
            throw new IllegalArgumentException("cannot read image " + path);
        }
        return image;
    }
}

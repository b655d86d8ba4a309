package io.tessera.ingest.source;

import io.tessera.protocol.ContentType;
import nu.pattern.OpenCV;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Turns pixels (or an already encoded file) into the configured wire format. Thread-safe: it
 * holds only settings, every call allocates its own buffers.
 *
 * @param jpegQuality     1..100, used when encoding JPEG
 * @param jpegPassThrough send JPEG inputs as they are (no generation loss, no CPU) when the
 *                        output is JPEG
 */
public record FrameEncoder(OutputFormat format, int jpegQuality, boolean jpegPassThrough) {
    public FrameEncoder {
        if (format == null) {
            throw new IllegalArgumentException("format must be set");
        }
        if (jpegQuality < 1 || jpegQuality > 100) {
            throw new IllegalArgumentException("jpeg-quality must be within 1..100, got " + jpegQuality);
        }
        OpenCV.loadLocally();
    }

    public static FrameEncoder jpeg(int quality) {
        return new FrameEncoder(OutputFormat.JPEG, quality, true);
    }

    /** Encodes an 8-bit BGR (or grayscale) image. */
    public EncodedImage encode(Mat image) {
        int w = image.cols();
        int h = image.rows();
        switch (format) {
            case JPEG -> {
                return new EncodedImage(imencode(".jpg", image, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, jpegQuality)),
                        ContentType.JPEG, w, h);
            }
            case PNG -> {
                return new EncodedImage(imencode(".png", image, new MatOfInt(Imgcodecs.IMWRITE_PNG_COMPRESSION, 1)),
                        ContentType.PNG, w, h);
            }
            case MONO8 -> {
                return new EncodedImage(rawBytes(image, 1), ContentType.MONO8, w, h);
            }
            case BGR8 -> {
                return new EncodedImage(rawBytes(image, 3), ContentType.BGR8, w, h);
            }
            default -> throw new IllegalStateException("unhandled format " + format);
        }
    }

    /**
     * Encodes an image file's content. {@code decoded} is the file decoded to BGR (callers decode
     * anyway, to check the file is readable and to learn its size).
     */
    public EncodedImage encodeFile(byte[] fileBytes, ContentType fileType, Mat decoded) {
        if (format == OutputFormat.JPEG && fileType == ContentType.JPEG && jpegPassThrough) {
            return new EncodedImage(fileBytes, ContentType.JPEG, decoded.cols(), decoded.rows());
        }
        return encode(decoded);
    }

    private static byte[] imencode(String ext, Mat image, MatOfInt params) {
        MatOfByte out = new MatOfByte();
        try {
            if (!Imgcodecs.imencode(ext, image, out, params)) {
                throw new IllegalStateException("OpenCV could not encode a " + image.cols() + "x" + image.rows() + " image as " + ext);
            }
            return out.toArray();
        } finally {
            out.release();
            params.release();
        }
    }

    private static byte[] rawBytes(Mat image, int channels) {
        Mat converted = image;
        if (image.channels() != channels) {
            converted = new Mat();
            Imgproc.cvtColor(image, converted, channels == 1 ? Imgproc.COLOR_BGR2GRAY : Imgproc.COLOR_GRAY2BGR);
        }
        try {
            Mat continuous = converted.isContinuous() ? converted : converted.clone();
            byte[] bytes = new byte[(int) (continuous.total() * continuous.channels())];
            continuous.get(0, 0, bytes);
            if (continuous != converted) {
                continuous.release();
            }
            return bytes;
        } finally {
            if (converted != image) {
                converted.release();
            }
        }
    }
}

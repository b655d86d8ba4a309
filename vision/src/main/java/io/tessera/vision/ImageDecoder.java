package io.tessera.vision;

import java.nio.file.Path;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Size;
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

    /**
     * Decodes at 1/{@code reduction} of the size: {@code ceil(width / r) x ceil(height / r)}. JPEG
     * is decoded directly at that size by libjpeg's DCT scaling (most of the work of a full decode
     * is skipped); other formats are decoded in full and shrunk with {@code INTER_AREA} to the same
     * size.
     *
     * @param reduction 1, 2, 4 or 8
     * @throws IllegalArgumentException when the bytes are not a decodable image
     */
    public static Mat decode(byte[] encoded, int reduction) {
        int flag = switch (reduction) {
            case 1 -> Imgcodecs.IMREAD_COLOR;
            case 2 -> Imgcodecs.IMREAD_REDUCED_COLOR_2;
            case 4 -> Imgcodecs.IMREAD_REDUCED_COLOR_4;
            case 8 -> Imgcodecs.IMREAD_REDUCED_COLOR_8;
            default -> throw new IllegalArgumentException("decode reduction must be 1, 2, 4 or 8, got " + reduction);
        };
        if (reduction == 1) {
            return decode(encoded);
        }
        if (!isJpeg(encoded)) {
            // OpenCV would shrink other formats to floor(w / r) with bilinear sampling: keep one contract
            Mat full = decode(encoded);
            Mat reduced = new Mat();
            Imgproc.resize(full, reduced, new Size(reducedLength(full.cols(), reduction),
                    reducedLength(full.rows(), reduction)), 0, 0, Imgproc.INTER_AREA);
            full.release();
            return reduced;
        }
        OpenCv.load();
        MatOfByte buffer = new MatOfByte(encoded);
        try {
            Mat image = Imgcodecs.imdecode(buffer, flag);
            if (image.empty()) {
                image.release();
                throw new IllegalArgumentException("image bytes cannot be decoded (" + encoded.length + " bytes)");
            }
            return image;
        } finally {
            buffer.release();
        }
    }

    /** Pixels along an axis of {@code length} after a reduced decode: {@code ceil(length / reduction)}. */
    public static int reducedLength(int length, int reduction) {
        return (length + reduction - 1) / reduction;
    }

    /**
     * The reduction (1, 2, 4 or 8) at which a {@code frameWidth x frameHeight} frame decodes to
     * {@code width x height}.
     *
     * @throws IllegalArgumentException when no reduction gives that size
     */
    public static int reductionOf(int frameWidth, int frameHeight, int width, int height) {
        for (int r = 1; r <= 8; r *= 2) {
            if (reducedLength(frameWidth, r) == width && reducedLength(frameHeight, r) == height) {
                return r;
            }
        }
        throw new IllegalArgumentException("a " + width + "x" + height + " image is not a " + frameWidth + "x"
                + frameHeight + " frame decoded at 1/1, 1/2, 1/4 or 1/8 of its size");
    }

    private static boolean isJpeg(byte[] encoded) {
        return encoded != null && encoded.length > 2 && (encoded[0] & 0xff) == 0xff && (encoded[1] & 0xff) == 0xd8;
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
    public static Mat read(Path path) {
        OpenCv.load();
        Mat image = Imgcodecs.imread(path.toString(), Imgcodecs.IMREAD_COLOR);
        if (image.empty()) {
            throw new IllegalArgumentException("cannot read image " + path);
        }
        return image;
    }
}

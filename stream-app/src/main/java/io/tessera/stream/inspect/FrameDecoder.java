package io.tessera.stream.inspect;

import io.tessera.protocol.ContentType;
import io.tessera.protocol.FrameFormatException;
import io.tessera.stream.validate.FrameValidator.ValidFrame;
import io.tessera.vision.ImageDecoder;
import org.opencv.core.Mat;

/** Decodes a validated frame into 8-bit BGR pixels with the shared OpenCV decoder. */
public final class FrameDecoder {

    /**
     * @throws FrameFormatException {@code corrupt-image} when the bytes do not decode to the
     *     image their header announced
     */
    public Mat decode(ValidFrame frame, byte[] bytes) {
        ContentType type = frame.metadata().contentType();
        Mat image;
        try {
            image = type.isRaw()
                    ? ImageDecoder.fromRaw(bytes, frame.width(), frame.height(), type.channels())
                    : ImageDecoder.decode(bytes);
        } catch (IllegalArgumentException | org.opencv.core.CvException e) {
            throw new FrameFormatException("corrupt-image", "cannot decode " + type + " frame: " + e.getMessage(), e);
        }
        if (image.cols() != frame.width() || image.rows() != frame.height()) {
            int w = image.cols();
            int h = image.rows();
            image.release();
            throw new FrameFormatException("corrupt-image", "image decoded to " + w + "x" + h + " but its header declares "
                    + frame.width() + "x" + frame.height());
        }
        return image;
    }
}

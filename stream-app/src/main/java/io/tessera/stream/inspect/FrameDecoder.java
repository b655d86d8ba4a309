package io.tessera.stream.inspect;

import io.tessera.protocol.ContentType;
import io.tessera.protocol.FrameFormatException;
import io.tessera.stream.validate.FrameValidator.ValidFrame;
import io.tessera.vision.ImageDecoder;
import io.tessera.vision.TilingSpec;
import org.opencv.core.CvException;
import org.opencv.core.Mat;

/**
 * Decodes a validated frame into 8-bit BGR pixels with the shared OpenCV decoder. A JPEG frame
 * is decoded at a reduced size when the tiling shrinks its tiles anyway
 * ({@link TilingSpec#decodeReduction(int, int)}: half size for 256-px tiles fed at 128): libjpeg's
 * DCT scaling skips most of the work of a full decode, and the resize after it. Other formats
 * are decoded at full size, where decoding smaller would save nothing.
 */
public final class FrameDecoder {
    private final TilingSpec reduceFor;

    private FrameDecoder(TilingSpec reduceFor) {
        this.reduceFor = reduceFor;
    }

    /** Every frame at full size. */
    public static FrameDecoder fullSize() {
        return new FrameDecoder(null);
    }

    /** JPEG frames at the reduced size that {@code spec} allows for them. */
    public static FrameDecoder reducedFor(TilingSpec spec) {
        return new FrameDecoder(spec);
    }

    /** The reduction (1, 2, 4 or 8) at which this decoder decodes {@code frame}. */
    public int reductionFor(ValidFrame frame) {
        if (reduceFor == null || frame.metadata().contentType() != ContentType.JPEG) {
            return 1;
        }
        return reduceFor.decodeReduction(frame.width(), frame.height());
    }

    /**
     * @return the image at 1/{@link #reductionFor(ValidFrame)} of the frame's size
     * @throws FrameFormatException {@code corrupt-image} when the bytes do not decode to the
     *     image their header announced
     */
    public Mat decode(ValidFrame frame, byte[] bytes) {
        ContentType type = frame.metadata().contentType();
        int reduction = reductionFor(frame);
        Mat image;
        try {
            image = type.isRaw()
                    ? ImageDecoder.fromRaw(bytes, frame.width(), frame.height(), type.channels())
                    : ImageDecoder.decode(bytes, reduction);
        } catch (IllegalArgumentException | CvException e) {
            throw new FrameFormatException("corrupt-image", "cannot decode " + type + " frame: " + e.getMessage(), e);
        }
        if (image.cols() != ImageDecoder.reducedLength(frame.width(), reduction)
                || image.rows() != ImageDecoder.reducedLength(frame.height(), reduction)) {
            int w = image.cols();
            int h = image.rows();
            image.release();
            throw new FrameFormatException("corrupt-image", "image decoded to " + w + "x" + h
                    + (reduction == 1 ? "" : " at 1/" + reduction + " size") + " but its header declares "
                    + frame.width() + "x" + frame.height());
        }
        return image;
    }
}

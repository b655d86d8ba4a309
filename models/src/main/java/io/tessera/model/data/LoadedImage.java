package io.tessera.model.data;

import io.tessera.vision.ImageDecoder;
import org.opencv.core.Mat;

/** An image decoded into memory (BGR) with its defect pixels, for sampling many tiles from it. */
public record LoadedImage(LabeledImage source, Mat bgr, DefectPixels defects) implements AutoCloseable {

    public static LoadedImage load(LabeledImage image) {
        Mat bgr = ImageDecoder.read(image.image());
        try {
            return new LoadedImage(image, bgr, DefectPixels.read(image.mask(), bgr.cols(), bgr.rows()));
        } catch (RuntimeException e) {
            bgr.release();
            throw e;
        }
    }

    public int width() {
        return bgr.cols();
    }

    public int height() {
        return bgr.rows();
    }

    @Override
    public void close() {
        bgr.release();
    }
}

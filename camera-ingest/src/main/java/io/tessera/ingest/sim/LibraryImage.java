package io.tessera.ingest.sim;

import java.util.List;
import org.opencv.core.Mat;
import org.opencv.core.Rect;

/**
 * One photograph of the library, decoded, at the simulator's scale.
 *
 * @param label      its class folder: {@code ok} or a defect class such as {@code pitting}
 * @param image      8-bit BGR
 * @param mask       8-bit, non-zero = defect, same size as the image; null for {@code ok} images
 * @param components bounding boxes of the mask's connected components (image pixels)
 */
public record LibraryImage(String name, String label, Mat image, Mat mask, List<Rect> components) {
    public LibraryImage {
        components = List.copyOf(components);
    }

    public int width() {
        return image.cols();
    }

    public int height() {
        return image.rows();
    }

    public boolean defective() {
        return mask != null;
    }
}

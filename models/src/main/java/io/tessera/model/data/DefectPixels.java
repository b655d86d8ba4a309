package io.tessera.model.data;

import io.tessera.vision.OpenCv;
import io.tessera.vision.TileBox;
import java.nio.file.Path;
import java.util.Optional;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * The defect pixels of a mask as coordinates. Defects are small (BSData pitting: a median of
 * about 1,900 pixels per image), so a list is far smaller than the mask and counting the
 * pixels inside a tile is a short loop.
 */
public final class DefectPixels {
    private static final DefectPixels NONE = new DefectPixels(new int[0], new int[0]);
    private final int[] xs;
    private final int[] ys;

    private DefectPixels(int[] xs, int[] ys) {
        this.xs = xs;
        this.ys = ys;
    }

    public static DefectPixels none() {
        return NONE;
    }

    /** Reads a mask (any non-zero pixel is a defect); an absent mask means no defect. */
    public static DefectPixels read(Optional<Path> mask, int expectedWidth, int expectedHeight) {
        if (mask.isEmpty()) {
            return NONE;
        }
        OpenCv.load();
        Mat m = Imgcodecs.imread(mask.get().toString(), Imgcodecs.IMREAD_GRAYSCALE);
        try {
            if (m.empty()) {
                throw new IllegalArgumentException("cannot read mask " + mask.get());
            }
            if (m.cols() != expectedWidth || m.rows() != expectedHeight) {
                throw new IllegalArgumentException("mask " + mask.get() + " is " + m.cols() + "x" + m.rows()
                        + " but its image is " + expectedWidth + "x" + expectedHeight + ": expected the same size");
            }
            if (m.type() != CvType.CV_8UC1) {
                throw new IllegalArgumentException("mask " + mask.get() + " is not 8-bit grayscale");
            }
            byte[] pixels = new byte[m.cols() * m.rows()];
            m.get(0, 0, pixels);
            int count = 0;
            for (byte p : pixels) {
                if (p != 0) {
                    count++;
                }
            }
            int[] xs = new int[count];
            int[] ys = new int[count];
            int n = 0;
            for (int i = 0; i < pixels.length; i++) {
                if (pixels[i] != 0) {
                    xs[n] = i % m.cols();
                    ys[n] = i / m.cols();
                    n++;
                }
            }
            return new DefectPixels(xs, ys);
        } finally {
            m.release();
        }
    }

    public int count() {
        return xs.length;
    }

    public int x(int i) {
        return xs[i];
    }

    public int y(int i) {
        return ys[i];
    }

    /** Defect pixels inside the box. */
    public int countIn(TileBox box) {
        return countIn(box.x(), box.y(), box.width(), box.height());
    }

    public int countIn(int x, int y, int width, int height) {
        int count = 0;
        for (int i = 0; i < xs.length; i++) {
            if (xs[i] >= x && xs[i] < x + width && ys[i] >= y && ys[i] < y + height) {
                count++;
            }
        }
        return count;
    }
}

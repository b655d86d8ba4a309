package io.tessera.vision;

import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Turns tiles of a BGR image into model input: RGB, resized to the input size, scaled to
 * [0, 1] and normalised, as float HWC. Training, evaluation and serving all use this class.
 */
public final class TileExtractor {
    private final TilingSpec spec;
    private final Scalar mean;
    private final Scalar std;

    public TileExtractor(TilingSpec spec, Normalization normalization) {
        OpenCv.load();
        this.spec = spec;
        float[] m = normalization.mean();
        float[] s = normalization.std();
        this.mean = new Scalar(m[0], m[1], m[2]);
        this.std = new Scalar(s[0], s[1], s[2]);
    }

    public TilingSpec spec() {
        return spec;
    }

    /** Floats in one tile: inputSize * inputSize * 3. */
    public int tileFloats() {
        return spec.inputSize() * spec.inputSize() * 3;
    }

    /** Extracts every box of {@code bgr} into one array, tile after tile (NHWC). */
    public float[] extract(Mat bgr, List<TileBox> boxes) {
        float[] out = new float[boxes.size() * tileFloats()];
        for (int i = 0; i < boxes.size(); i++) {
            extractInto(bgr, boxes.get(i), out, i * tileFloats());
        }
        return out;
    }

    /** Extracts one box into {@code out} at {@code offset}. */
    public void extractInto(Mat bgr, TileBox box, float[] out, int offset) {
        if (bgr.type() != CvType.CV_8UC3) {
            throw new IllegalArgumentException("tiles are cut from 8-bit BGR images, got OpenCV type " + bgr.type());
        }
        Mat roi = bgr.submat(new Rect(box.x(), box.y(), box.width(), box.height()));
        Mat square = padToTile(roi);
        Mat resized = new Mat();
        Mat rgb = new Mat();
        Mat floats = new Mat();
        try {
            if (square.cols() != spec.inputSize() || square.rows() != spec.inputSize()) {
                // INTER_AREA averages when shrinking: no aliasing of fine texture such as pitting.
                Imgproc.resize(square, resized, new Size(spec.inputSize(), spec.inputSize()), 0, 0, Imgproc.INTER_AREA);
            } else {
                square.copyTo(resized);
            }
            Imgproc.cvtColor(resized, rgb, Imgproc.COLOR_BGR2RGB);
            rgb.convertTo(floats, CvType.CV_32FC3, 1.0 / 255.0);
            Core.subtract(floats, mean, floats);
            Core.divide(floats, std, floats);
            copyOut(floats, out, offset);
        } finally {
            roi.release();
            if (square != roi) {
                square.release();
            }
            resized.release();
            rgb.release();
            floats.release();
        }
    }

    private void copyOut(Mat floats, float[] out, int offset) {
        // Mat.get has no offset overload: read into a scratch row when not at the start.
        if (offset == 0 && out.length == tileFloats()) {
            floats.get(0, 0, out);
            return;
        }
        float[] scratch = new float[tileFloats()];
        floats.get(0, 0, scratch);
        System.arraycopy(scratch, 0, out, offset, scratch.length);
    }

    private Mat padToTile(Mat roi) {
        int tile = spec.tileSize();
        if (roi.cols() == tile && roi.rows() == tile) {
            return roi;
        }
        Mat padded = new Mat();
        Core.copyMakeBorder(roi, padded, 0, Math.max(0, tile - roi.rows()), 0, Math.max(0, tile - roi.cols()),
                Core.BORDER_REFLECT_101);
        return padded;
    }
}

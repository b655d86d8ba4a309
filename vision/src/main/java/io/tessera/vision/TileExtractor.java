package io.tessera.vision;

import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfDouble;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Turns tiles of a BGR image into model input: RGB, resized to the input size, scaled to
 * [0, 1] and normalised ({@link Normalization}: fixed statistics, or each tile's own), as float HWC. Training, evaluation and serving all use this class.
 *
 * <p>The image may be a frame decoded at 1/r of its size ({@link ImageDecoder#decode(byte[], int)});
 * the boxes stay in full-frame pixels either way. One frame's tiles share their scratch images
 * and one float image for all tiles, normalised in one pass and copied out once: a frame of 60
 * tiles makes a handful of native allocations, not 240.
 */
public final class TileExtractor {
    private final TilingSpec spec;
    private final Scalar mean;
    private final Scalar std;
    private final boolean perTile;

    public TileExtractor(TilingSpec spec, Normalization normalization) {
        OpenCv.load();
        this.spec = spec;
        float[] m = normalization.mean();
        float[] s = normalization.std();
        this.mean = new Scalar(m[0], m[1], m[2]);
        this.std = new Scalar(s[0], s[1], s[2]);
        this.perTile = normalization.scope() == Normalization.Scope.TILE;
    }

    public TilingSpec spec() {
        return spec;
    }

    /** Floats in one tile: inputSize * inputSize * 3. */
    public int tileFloats() {
        return spec.inputSize() * spec.inputSize() * 3;
    }

    /** Extracts every box of a full-size {@code bgr} image into one array, tile after tile (NHWC). */
    public float[] extract(Mat bgr, List<TileBox> boxes) {
        return extractReduced(bgr, 1, boxes);
    }

    /**
     * Extracts every box of a frame that was decoded at 1/{@code reduction} of its size. Each box
     * is cut from the reduced image at {@code x / r, y / r} with {@code tileSize / r} pixels, so
     * with the shipped tiling (256-px tiles fed at 128, r = 2) no resizing is left to do. A box
     * whose origin is not a multiple of r (the last row or column of a frame of odd size, shifted
     * inward) lies between reduced pixels: it is sampled bilinearly at its exact position rather
     * than rounded, which would move its content by half a reduced pixel.
     */
    public float[] extractReduced(Mat image, int reduction, List<TileBox> boxes) {
        checkImage(image);
        if (reduction < 1 || spec.tileSize() % reduction != 0) {
            throw new IllegalArgumentException("tile size " + spec.tileSize() + " is not a multiple of the decode"
                    + " reduction " + reduction);
        }
        int in = spec.inputSize();
        float[] out = new float[boxes.size() * tileFloats()];
        Mat floats = new Mat(boxes.size() * in, in, CvType.CV_32FC3);
        Scratch scratch = new Scratch();
        try {
            for (int i = 0; i < boxes.size(); i++) {
                Mat rgb = scratch.rgbTile(image, boxes.get(i), reduction);
                Mat rows = floats.rowRange(i * in, (i + 1) * in);
                rgb.convertTo(rows, CvType.CV_32FC3, 1.0 / 255.0);
                if (perTile) {
                    standardise(rows);
                }
                rows.release();
            }
            if (!perTile) {
                Core.subtract(floats, mean, floats);
                Core.divide(floats, std, floats);
            }
            floats.get(0, 0, out);
            return out;
        } finally {
            scratch.release();
            floats.release();
        }
    }

    /** One tile, in place: each channel minus its mean, over its standard deviation (at least the floor). */
    private static void standardise(Mat tile) {
        MatOfDouble tileMean = new MatOfDouble();
        MatOfDouble tileStd = new MatOfDouble();
        try {
            Core.meanStdDev(tile, tileMean, tileStd);
            double[] m = tileMean.toArray();
            double[] s = tileStd.toArray();
            Core.subtract(tile, new Scalar(m[0], m[1], m[2]), tile);
            Core.divide(tile, new Scalar(floor(s[0]), floor(s[1]), floor(s[2])), tile);
        } finally {
            tileMean.release();
            tileStd.release();
        }
    }

    private static double floor(double std) {
        return Math.max(std, Normalization.TILE_STD_FLOOR);
    }

    /** Extracts one box of a full-size image into {@code out} at {@code offset}. */
    public void extractInto(Mat bgr, TileBox box, float[] out, int offset) {
        float[] tile = extract(bgr, List.of(box));
        System.arraycopy(tile, 0, out, offset, tile.length);
    }

    private static void checkImage(Mat bgr) {
        if (bgr.type() != CvType.CV_8UC3) {
            throw new IllegalArgumentException("tiles are cut from 8-bit BGR images, got OpenCV type " + bgr.type());
        }
    }

    /** The 8-bit images one tile passes through, reused from tile to tile of a frame. */
    private final class Scratch {
        private final Mat square = new Mat();
        private final Mat resized = new Mat();
        private final Mat rgb = new Mat();

        /** The box as an RGB 8-bit tile of the input size, in {@link #rgb}. */
        Mat rgbTile(Mat image, TileBox box, int r) {
            int tile = spec.tileSize() / r;
            Mat source = cut(image, box, r, tile);
            Mat sized = source;
            if (source.cols() != spec.inputSize() || source.rows() != spec.inputSize()) {
                // INTER_AREA averages when shrinking: no aliasing of fine texture such as pitting.
                Imgproc.resize(source, resized, new Size(spec.inputSize(), spec.inputSize()), 0, 0, Imgproc.INTER_AREA);
                sized = resized;
            }
            Imgproc.cvtColor(sized, rgb, Imgproc.COLOR_BGR2RGB);
            if (source != square) {
                source.release();
            }
            return rgb;
        }

        /** A square of {@code tile} pixels of the (reduced) image: a view, or {@link #square}. */
        private Mat cut(Mat image, TileBox box, int r, int tile) {
            boolean whole = box.width() == spec.tileSize() && box.height() == spec.tileSize();
            if (whole && (box.x() % r != 0 || box.y() % r != 0)) {
                // centre of the box in reduced pixel coordinates (pixel centres at integers)
                Point centre = new Point((box.x() + spec.tileSize() / 2.0) / r - 0.5,
                        (box.y() + spec.tileSize() / 2.0) / r - 0.5);
                Imgproc.getRectSubPix(image, new Size(tile, tile), centre, square);
                return square;
            }
            int x = box.x() / r;
            int y = box.y() / r;
            Mat roi = image.submat(new Rect(x, y, Math.min(ImageDecoder.reducedLength(box.width(), r), image.cols() - x),
                    Math.min(ImageDecoder.reducedLength(box.height(), r), image.rows() - y)));
            if (roi.cols() == tile && roi.rows() == tile) {
                return roi;
            }
            Core.copyMakeBorder(roi, square, 0, Math.max(0, tile - roi.rows()), 0, Math.max(0, tile - roi.cols()),
                    Core.BORDER_REFLECT_101);
            roi.release();
            return square;
        }

        void release() {
            square.release();
            resized.release();
            rgb.release();
        }
    }
}

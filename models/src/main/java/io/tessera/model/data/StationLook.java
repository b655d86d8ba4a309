package io.tessera.model.data;

import java.util.SplittableRandom;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * The station part of {@link Augmentation}: gamma, white balance, blur and sensor noise on an
 * 8-bit BGR crop, in place. Each draw comes from the caller's random source (OpenCV's noise
 * generator is seeded from it), so a resumed training run sees the same tiles.
 */
final class StationLook {
    private StationLook() {
    }

    static void apply(Mat bgr, Augmentation a, SplittableRandom random) {
        if (a.colourGain() > 0) {
            Core.multiply(bgr, new Scalar(gain(a, random), gain(a, random), gain(a, random)), bgr);
        }
        if (a.gamma() > 0) {
            gamma(bgr, 1 + (random.nextDouble() * 2 - 1) * a.gamma());
        }
        if (a.blurChance() > 0 && random.nextDouble() < a.blurChance()) {
            double sigma = 0.5 + 1.5 * random.nextDouble(); // frame pixels, before the tile is downscaled
            Imgproc.GaussianBlur(bgr, bgr, new Size(0, 0), sigma);
        }
        if (a.noise() > 0) {
            noise(bgr, a.noise() * 255 * random.nextDouble(), random.nextInt());
        }
    }

    private static double gain(Augmentation a, SplittableRandom random) {
        return 1 + (random.nextDouble() * 2 - 1) * a.colourGain();
    }

    private static void gamma(Mat bgr, double g) {
        Mat lut = new Mat(1, 256, CvType.CV_8U);
        try {
            byte[] table = new byte[256];
            for (int i = 0; i < 256; i++) {
                table[i] = (byte) Math.round(255 * Math.pow(i / 255.0, g));
            }
            lut.put(0, 0, table);
            Core.LUT(bgr, lut, bgr);
        } finally {
            lut.release();
        }
    }

    private static void noise(Mat bgr, double sigma, int seed) {
        Mat wide = new Mat();
        Mat n = new Mat(bgr.size(), CvType.CV_16SC3);
        try {
            Core.setRNGSeed(seed);
            Core.randn(n, 0, sigma);
            bgr.convertTo(wide, CvType.CV_16SC3);
            Core.add(wide, n, wide);
            wide.convertTo(bgr, CvType.CV_8UC3); // saturates at 0 and 255
        } finally {
            wide.release();
            n.release();
        }
    }
}

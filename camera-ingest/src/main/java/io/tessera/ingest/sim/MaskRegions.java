package io.tessera.ingest.sim;

import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.imgproc.Imgproc;

/** Bounding boxes of the connected components (8-connected) of a defect mask. */
final class MaskRegions {
    private MaskRegions() {
    }

    static List<Rect> components(Mat mask) {
        Mat labels = new Mat();
        Mat stats = new Mat();
        Mat centroids = new Mat();
        try {
            int n = Imgproc.connectedComponentsWithStats(mask, labels, stats, centroids, 8);
            List<Rect> boxes = new ArrayList<>(Math.max(0, n - 1));
            int[] row = new int[5];
            for (int i = 1; i < n; i++) { // label 0 is the background
                stats.get(i, 0, row);
                boxes.add(new Rect(row[Imgproc.CC_STAT_LEFT], row[Imgproc.CC_STAT_TOP],
                        row[Imgproc.CC_STAT_WIDTH], row[Imgproc.CC_STAT_HEIGHT]));
            }
            return boxes;
        } finally {
            labels.release();
            stats.release();
            centroids.release();
        }
    }
}

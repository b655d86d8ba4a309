package io.tessera.ingest.sim;

import io.tessera.protocol.GroundTruth;
import io.tessera.protocol.Region;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;

/**
 * Composes a camera frame from photographs, the way a line camera looking at a wide part sees
 * several spindle surfaces at once. The canvas is filled row by row; every row is as high as
 * the smallest photo, and each photo is placed unscaled (the library's scale, 1.0 by default)
 * as a window cut from it, left to right, the last one cut at the canvas edge. A 2048x1080
 * frame of 1130x460 BSData photos holds two full rows of two photos (the second cut to 918 px)
 * and a third row 160 px high.
 *
 * <p>In a defect frame one photo with a defect takes a slot of a full-height row (at least
 * {@value #MIN_DEFECT_SLOT_WIDTH} px wide), its window centred on one of its mask components.
 * The ground truth comes from the mask pixels that are really visible in the frame, so a
 * DEFECT label and its regions are exact even where a window cuts a component.
 *
 * <p>Thread-safe: it only reads the library's images.
 */
public final class FrameComposer {
    static final int MIN_DEFECT_SLOT_WIDTH = 256;

    private final ImageLibrary library;
    private final int width;
    private final int height;
    private final int rowHeight;

    public FrameComposer(ImageLibrary library, int width, int height) {
        if (width < 64 || height < 64 || width > 16_384 || height > 16_384) {
            throw new IllegalArgumentException("frame size must be within 64..16384 px per side, got " + width + "x" + height);
        }
        this.library = library;
        this.width = width;
        this.height = height;
        this.rowHeight = Math.min(library.minHeight(), height);
        if (library.defective().isEmpty()) {
            throw new IllegalArgumentException("the image library " + library.root() + " has no defect photos with masks");
        }
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** A new frame; same random state in, same pixels out. */
    public Composition compose(SplittableRandom rng, boolean defect) {
        Mat canvas = new Mat(height, width, CvType.CV_8UC3, Scalar.all(0));
        List<Region> regions = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        int fullRows = Math.max(1, height / rowHeight);
        int defectRow = defect ? rng.nextInt(fullRows) : -1;
        int row = 0;
        for (int y = 0; y < height; y += rowHeight, row++) {
            int h = Math.min(rowHeight, height - y);
            List<Slot> slots = layoutRow(rng, h);
            if (row == defectRow) {
                slots = withDefect(rng, slots, h);
            }
            for (Slot slot : slots) {
                place(canvas, slot, y, h, regions);
                sources.add(slot.image.name());
            }
        }
        GroundTruth truth = regions.isEmpty() ? GroundTruth.OK : GroundTruth.DEFECT;
        return new Composition(canvas, truth, regions, sources);
    }

    /** A row of ok photos: slot i starts where slot i-1 ends. */
    private List<Slot> layoutRow(SplittableRandom rng, int h) {
        List<Slot> slots = new ArrayList<>();
        fill(rng, slots, 0, h);
        return slots;
    }

    private void fill(SplittableRandom rng, List<Slot> slots, int fromX, int h) {
        List<LibraryImage> normal = library.normal();
        for (int x = fromX; x < width; ) {
            LibraryImage image = normal.get(rng.nextInt(normal.size()));
            int w = Math.min(image.width(), width - x);
            int ox = rng.nextInt(image.width() - w + 1);
            int oy = rng.nextInt(image.height() - h + 1);
            slots.add(new Slot(image, x, w, ox, oy));
            x += w;
        }
    }

    /**
     * Puts a defect photo into one slot of the row wide enough to show it, keeps the slots
     * before it and refills the rest of the row after it.
     */
    private List<Slot> withDefect(SplittableRandom rng, List<Slot> slots, int h) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < slots.size(); i++) {
            if (width - slots.get(i).x >= Math.min(MIN_DEFECT_SLOT_WIDTH, width)) {
                candidates.add(i);
            }
        }
        int k = candidates.get(rng.nextInt(candidates.size()));
        List<LibraryImage> defective = library.defective();
        LibraryImage image = defective.get(rng.nextInt(defective.size()));
        int x = slots.get(k).x;
        int w = Math.min(image.width(), width - x);
        int ox;
        int oy;
        if (image.components().isEmpty()) {
            ox = rng.nextInt(image.width() - w + 1);
            oy = rng.nextInt(image.height() - h + 1);
        } else {
            Rect c = image.components().get(rng.nextInt(image.components().size()));
            ox = clamp(c.x + c.width / 2 - w / 2, 0, image.width() - w);
            oy = clamp(c.y + c.height / 2 - h / 2, 0, image.height() - h);
        }
        List<Slot> out = new ArrayList<>(slots.subList(0, k));
        out.add(new Slot(image, x, w, ox, oy));
        fill(rng, out, x + w, h);
        return out;
    }

    private static void place(Mat canvas, Slot slot, int y, int h, List<Region> regions) {
        Mat window = slot.image.image().submat(new Rect(slot.ox, slot.oy, slot.w, h));
        Mat target = canvas.submat(new Rect(slot.x, y, slot.w, h));
        window.copyTo(target);
        window.release();
        target.release();
        if (slot.image.defective()) {
            Mat visible = slot.image.mask().submat(new Rect(slot.ox, slot.oy, slot.w, h));
            for (Rect r : MaskRegions.components(visible)) {
                regions.add(new Region(slot.x + r.x, y + r.y, r.width, r.height));
            }
            visible.release();
        }
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** A photo window: canvas x, width, and the window's origin in the photo. */
    private record Slot(LibraryImage image, int x, int w, int ox, int oy) {
    }
}

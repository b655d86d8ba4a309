package io.tessera.launcher.compare;

import io.tessera.protocol.DefectTile;
import io.tessera.protocol.Verdict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A frame both models decided whose decision or defect tiles differ: the tiles only one of them
 * flagged, each with that model's score, boxes in frame pixels.
 *
 * @param onlyA tiles at or above A's threshold that B did not flag
 * @param onlyB tiles at or above B's threshold that A did not flag
 */
public record Flip(FramePair frame, Verdict a, Verdict b, List<DefectTile> onlyA, List<DefectTile> onlyB) {
    public Flip {
        onlyA = List.copyOf(onlyA);
        onlyB = List.copyOf(onlyB);
    }

    public static Flip of(FramePair frame) {
        Verdict a = FramePair.verdict(frame.a());
        Verdict b = FramePair.verdict(frame.b());
        return new Flip(frame, a, b, minus(a.defectTiles(), b.defectTiles()), minus(b.defectTiles(), a.defectTiles()));
    }

    /** Tiles of {@code these} whose box is not among {@code those}; the same box is the same tile (a model's tiling is fixed). */
    private static List<DefectTile> minus(List<DefectTile> these, List<DefectTile> those) {
        Map<String, DefectTile> left = new LinkedHashMap<>();
        these.forEach(t -> left.put(box(t), t));
        those.forEach(t -> left.remove(box(t)));
        return List.copyOf(left.values());
    }

    private static String box(DefectTile t) {
        return t.x() + "," + t.y() + "," + t.width() + "," + t.height();
    }

    public boolean decisionChanged() {
        return a.decision() != b.decision();
    }
}

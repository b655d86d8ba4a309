package io.tessera.model.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Cross-validation folds by group, never by image: every image of a BSData location (a station
 * filmed over time), every KGT spindle and every magnetic-tile exposure group lands in exactly one
 * fold, so a fold's model is always scored on stations it never saw.
 *
 * <p>The rule is fixed, so everyone gets the same folds: locations sorted by name are dealt to
 * the folds in turn (location {@code i} to fold {@code i % k}); a KGT group goes to fold
 * {@code index % k} of its index in the fixed dev KGT list (a KGT group not on that list by
 * the hash of its name); other indexed groups (magnetic tile) by their sorted index {@code % k}.
 * For fold {@code f} the model trains on every fold but {@code f} and {@code f + 1 (mod k)},
 * calibrates its threshold on fold {@code f + 1} and is scored on fold {@code f}: the held-out
 * fold plays no part in choosing weights or threshold.
 */
public final class CrossValidationFolds {
    public static final int MIN_FOLDS = 3;

    private final int folds;
    private final Map<String, Integer> foldOfGroup;
    private final List<LabeledImage> images;

    private CrossValidationFolds(int folds, Map<String, Integer> foldOfGroup, List<LabeledImage> images) {
        this.folds = folds;
        this.foldOfGroup = Map.copyOf(foldOfGroup);
        this.images = List.copyOf(images);
    }

    public static CrossValidationFolds of(List<LabeledImage> images, int folds) {
        if (folds < MIN_FOLDS) {
            throw new IllegalArgumentException("--folds must be at least " + MIN_FOLDS
                    + " (one to score, one to calibrate, the rest to train), got " + folds);
        }
        TreeSet<String> locations = new TreeSet<>();
        TreeSet<String> indexed = new TreeSet<>();
        for (LabeledImage image : images) {
            (isLocation(image.group()) ? locations : indexed).add(image.group());
        }
        Map<String, Integer> fold = new LinkedHashMap<>();
        int i = 0;
        for (String location : locations) {
            fold.put(location, i++ % folds);
        }
        List<String> others = new ArrayList<>(indexed);
        for (int j = 0; j < others.size(); j++) {
            String group = others.get(j);
            int kgt = GroupSplitter.kgtIndex(group);
            int index = group.startsWith("KGT") ? (kgt >= 0 ? kgt : Math.floorMod(group.hashCode(), 1 << 16)) : j;
            fold.put(group, index % folds);
        }
        CrossValidationFolds result = new CrossValidationFolds(folds, fold, images);
        for (int f = 0; f < folds; f++) {
            if (result.heldOut(f).isEmpty()) {
                throw new IllegalArgumentException("fold " + f + " of " + folds + " holds no images: the data has "
                        + fold.size() + " groups; use fewer --folds");
            }
        }
        return result;
    }

    /** A BSData location key is {@code <position>_<angle>}, digits only. */
    static boolean isLocation(String group) {
        return group.matches("\\d+_\\d+");
    }

    public int folds() {
        return folds;
    }

    public int foldOf(String group) {
        Integer f = foldOfGroup.get(group);
        if (f == null) {
            throw new IllegalArgumentException("group " + group + " is not in these folds");
        }
        return f;
    }

    /** The fold scored by fold {@code f}'s model. */
    public List<LabeledImage> heldOut(int f) {
        return inFold(f);
    }

    /** The fold whose images set fold {@code f}'s threshold. */
    public List<LabeledImage> calibration(int f) {
        return inFold(calibrationFold(f));
    }

    public int calibrationFold(int f) {
        return (f + 1) % folds;
    }

    /** The images fold {@code f}'s model trains on. */
    public List<LabeledImage> training(int f) {
        int calibration = calibrationFold(f);
        return images.stream().filter(i -> {
            int g = foldOf(i.group());
            return g != f && g != calibration;
        }).toList();
    }

    /** The groups of fold {@code f}, sorted. */
    public List<String> groups(int f) {
        return foldOfGroup.entrySet().stream().filter(e -> e.getValue() == f).map(Map.Entry::getKey).sorted().toList();
    }

    private List<LabeledImage> inFold(int f) {
        return images.stream().filter(i -> foldOf(i.group()) == f).toList();
    }
}

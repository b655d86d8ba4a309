package io.tessera.model.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Groups near-duplicate images and assigns whole groups to a split, by a fixed rule so that
 * everyone who trains or evaluates gets the same split.
 *
 * <p>BSData: a time-lapse location ({@code <position>_<angle>} of {@code 01_<time>_<position>_<angle>_crop_<n>.jpg})
 * is one group; a {@code KGT*} image is grouped by its source image (the name without
 * {@code _crop_<n>}). TEST: locations 395000_270 and 490000_180 and the KGT groups at index % 5 == 0 of
 * the sorted KGT group keys of the dev split (listed in {@code bsdata-kgt-groups.txt}, so a folder
 * holding only some images splits them the same way); VALIDATION: locations 305000_090 and 517500_315
 * and KGT index % 5 == 1; TRAIN: the rest. A KGT group outside that list was never trained on: TEST.
 *
 * <p>Magnetic tile: {@code exp<k>_num_<frame>.jpg} views of one tile region under changing light
 * form a group (per class, by frame number: a new group starts when k does not increase or the
 * frame jumps by more than 200); sorted group keys at index % 5 == 0 are TEST, == 1 VALIDATION (keys
 * of the folder given, so use the whole dev folder).
 */
public final class GroupSplitter {
    static final Set<String> TEST_LOCATIONS = Set.of("395000_270", "490000_180");
    static final Set<String> VALIDATION_LOCATIONS = Set.of("305000_090", "517500_315");
    private static final Pattern BSDATA_LOCATION = Pattern.compile("^\\d+_\\d+_(\\d+_\\d+)_crop_\\d+\\.\\w+$");
    private static final Pattern BSDATA_KGT = Pattern.compile("^(KGT.*)_crop_\\d+\\.\\w+$");
    private static final Pattern MAGNETIC_TILE = Pattern.compile("^exp(\\d+)_num_(\\d+)\\.\\w+$");

    /** An image before its split is known. */
    public record Candidate(String className, String fileName) {
    }

    private static final List<String> BSDATA_KGT_GROUPS = readKgtGroups();

    /** A group key and whether it is one of the indexed kind (KGT, magnetic tile) or a named location. */
    record GroupKey(String key, boolean indexed) {
    }

    private static List<String> readKgtGroups() {
        try (InputStream in = GroupSplitter.class.getResourceAsStream("bsdata-kgt-groups.txt")) {
            if (in == null) {
                throw new IllegalStateException("resource io/tessera/model/data/bsdata-kgt-groups.txt is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bsdata-kgt-groups.txt", e);
        }
    }

    private GroupSplitter() {
    }

    /** Where a BSData KGT group sits in the fixed list of dev KGT groups; -1 when it is not listed. */
    static int kgtIndex(String group) {
        return BSDATA_KGT_GROUPS.indexOf(group);
    }

    /** Group keys of the candidates, in order. */
    public static List<String> groups(List<Candidate> candidates) {
        return keys(candidates).stream().map(GroupKey::key).toList();
    }

    /** Splits of the candidates, in order. */
    public static List<Split> splits(List<Candidate> candidates) {
        List<GroupKey> keys = keys(candidates);
        List<String> indexedKeys = keys.stream().filter(GroupKey::indexed).map(GroupKey::key).distinct().sorted()
                .toList();
        List<Split> splits = new ArrayList<>(keys.size());
        for (GroupKey key : keys) {
            if (key.indexed() && key.key().startsWith("KGT")) {
                int index = BSDATA_KGT_GROUPS.indexOf(key.key());
                splits.add(index < 0 || index % 5 == 0 ? Split.TEST : index % 5 == 1 ? Split.VALIDATION : Split.TRAIN);
            } else if (key.indexed()) {
                int index = indexedKeys.indexOf(key.key());
                splits.add(index % 5 == 0 ? Split.TEST : index % 5 == 1 ? Split.VALIDATION : Split.TRAIN);
            } else if (TEST_LOCATIONS.contains(key.key())) {
                splits.add(Split.TEST);
            } else if (VALIDATION_LOCATIONS.contains(key.key())) {
                splits.add(Split.VALIDATION);
            } else {
                splits.add(Split.TRAIN);
            }
        }
        return splits;
    }

    private static List<GroupKey> keys(List<Candidate> candidates) {
        List<GroupKey> keys = new ArrayList<>(candidates.size());
        List<Integer> magneticTile = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            String name = candidates.get(i).fileName();
            Matcher location = BSDATA_LOCATION.matcher(name);
            Matcher kgt = BSDATA_KGT.matcher(name);
            if (location.matches()) {
                keys.add(new GroupKey(location.group(1), false));
            } else if (kgt.matches()) {
                keys.add(new GroupKey(kgt.group(1), true));
            } else if (MAGNETIC_TILE.matcher(name).matches()) {
                keys.add(null);
                magneticTile.add(i);
            } else {
                throw new IllegalArgumentException("cannot group image " + candidates.get(i).className() + "/" + name
                        + ": expected a BSData name (01_<time>_<position>_<angle>_crop_<n>.jpg or KGT*_crop_<n>.jpg)"
                        + " or a magnetic-tile name (exp<k>_num_<frame>.jpg)");
            }
        }
        groupMagneticTile(candidates, magneticTile, keys);
        return keys;
    }

    private static void groupMagneticTile(List<Candidate> candidates, List<Integer> indices, List<GroupKey> keys) {
        List<Integer> sorted = new ArrayList<>(indices);
        sorted.sort((a, b) -> {
            int byClass = candidates.get(a).className().compareTo(candidates.get(b).className());
            return byClass != 0 ? byClass : Long.compare(frame(candidates.get(a)), frame(candidates.get(b)));
        });
        String currentKey = null;
        String previousClass = null;
        long previousFrame = 0;
        int previousK = 0;
        for (int index : sorted) {
            Candidate c = candidates.get(index);
            Matcher m = MAGNETIC_TILE.matcher(c.fileName());
            m.matches();
            int k = Integer.parseInt(m.group(1));
            long frame = Long.parseLong(m.group(2));
            boolean newGroup = currentKey == null || !c.className().equals(previousClass) || k <= previousK
                    || frame - previousFrame > 200;
            if (newGroup) {
                currentKey = c.className() + "_" + frame;
            }
            keys.set(index, new GroupKey(currentKey, true));
            previousClass = c.className();
            previousFrame = frame;
            previousK = k;
        }
    }

    private static long frame(Candidate c) {
        Matcher m = MAGNETIC_TILE.matcher(c.fileName());
        return m.matches() ? Long.parseLong(m.group(2)) : 0;
    }
}

package io.tessera.model.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CrossValidationFoldsTest {
    private static final List<String> DEV_LOCATIONS = List.of("277500_315", "305000_090", "395000_270", "397500_315",
            "437500_315", "462500_045", "477500_315", "490000_180", "517500_315", "597500_315");

    private static LabeledImage image(String group, int n, boolean defect) {
        String name = group.startsWith("KGT") ? group + "_crop_" + n + ".jpg" : "01_2009" + n + "_" + group + "_crop_2.jpg";
        return new LabeledImage(Path.of(name), defect ? "pitting" : "ok", defect, Optional.empty(), group, Split.TRAIN);
    }

    private static List<LabeledImage> bsdataLike() {
        List<LabeledImage> images = new ArrayList<>();
        for (String location : DEV_LOCATIONS) {
            for (int n = 0; n < 4; n++) {
                images.add(image(location, n, n >= 2));
            }
        }
        for (String kgt : List.of("KGT1-S-060-A02", "KGT2-V-314-A08", "KGT3-S-104-A03", "KGT2-V-300-A08",
                "KGT2-S-346-A09", "KGT2-V-311-A08")) {
            images.add(image(kgt, 0, true));
        }
        return images;
    }

    @Test
    void fiveFoldsDealTwoStationsToEachAndKeepEveryGroupWhole() {
        CrossValidationFolds folds = CrossValidationFolds.of(bsdataLike(), 5);
        Set<String> seen = new HashSet<>();
        for (int f = 0; f < 5; f++) {
            List<String> stations = folds.groups(f).stream().filter(g -> !g.startsWith("KGT")).toList();
            assertThat(stations).hasSize(2);
            for (String g : folds.groups(f)) {
                assertThat(seen.add(g)).as("group %s in two folds", g).isTrue();
            }
        }
        assertThat(seen).containsAll(DEV_LOCATIONS);
        // sorted names dealt in turn: the first and the sixth station share fold 0
        assertThat(folds.groups(0)).contains("277500_315", "462500_045");
    }

    @Test
    void aFoldTrainsOnNeitherItsHeldOutNorItsCalibrationStations() {
        List<LabeledImage> all = bsdataLike();
        CrossValidationFolds folds = CrossValidationFolds.of(all, 5);
        for (int f = 0; f < 5; f++) {
            Set<String> forbidden = new HashSet<>(folds.groups(f));
            forbidden.addAll(folds.groups(folds.calibrationFold(f)));
            assertThat(folds.training(f)).isNotEmpty().noneMatch(i -> forbidden.contains(i.group()));
            assertThat(folds.training(f).size() + folds.heldOut(f).size() + folds.calibration(f).size())
                    .isEqualTo(all.size());
        }
    }

    @Test
    void aKgtSpindleLandsInTheFoldOfItsIndexInTheFixedList() {
        CrossValidationFolds folds = CrossValidationFolds.of(bsdataLike(), 5);
        int index = GroupSplitter.kgtIndex("KGT2-V-314-A08");
        assertThat(index).isNotNegative();
        assertThat(folds.foldOf("KGT2-V-314-A08")).isEqualTo(index % 5);
    }

    @Test
    void tooManyFoldsForTheGroupsIsRefused() {
        List<LabeledImage> few = List.of(image("277500_315", 0, false), image("305000_090", 0, true),
                image("395000_270", 0, false));
        assertThatThrownBy(() -> CrossValidationFolds.of(few, 4)).hasMessageContaining("use fewer --folds");
        assertThatThrownBy(() -> CrossValidationFolds.of(few, 2)).hasMessageContaining("at least 3");
    }
}

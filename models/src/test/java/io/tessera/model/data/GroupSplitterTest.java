package io.tessera.model.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.model.TestData;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class GroupSplitterTest {

    @Test
    void samplesComeFromTestGroupsOnly() {
        DatasetIndex index = DatasetIndex.scan(TestData.samples());
        assertThat(index.images()).hasSize(16);
        assertThat(index.images()).allSatisfy(i -> assertThat(i.split()).isEqualTo(Split.TEST));
        assertThat(index.images().stream().filter(LabeledImage::defect)).hasSize(8);
        assertThat(index.images().stream().filter(i -> i.defect()).allMatch(i -> i.mask().isPresent())).isTrue();
    }

    @Test
    void locationsAndKgtSourcesAreGroups() {
        List<GroupSplitter.Candidate> c = List.of(
                new GroupSplitter.Candidate("ok", "01_200828110308_395000_270_crop_2.jpg"),
                new GroupSplitter.Candidate("pitting", "01_200905201421_395000_270_crop_1.jpg"),
                new GroupSplitter.Candidate("pitting", "01_200906032905_305000_090_crop_2.jpg"),
                new GroupSplitter.Candidate("pitting", "01_200906032826_277500_315_crop_2.jpg"),
                new GroupSplitter.Candidate("pitting", "KGT1-S-060-A02_crop_0.jpg"),
                new GroupSplitter.Candidate("pitting", "KGT1-S-063-A02_crop_1.jpg"),
                new GroupSplitter.Candidate("pitting", "KGT1-S-069-A02_crop_0.jpg"));
        assertThat(GroupSplitter.groups(c)).containsExactly("395000_270", "395000_270", "305000_090", "277500_315",
                "KGT1-S-060-A02", "KGT1-S-063-A02", "KGT1-S-069-A02");
        assertThat(GroupSplitter.splits(c)).containsExactly(Split.TEST, Split.TEST, Split.VALIDATION, Split.TRAIN,
                Split.TEST, Split.VALIDATION, Split.TRAIN);
    }

    @Test
    void unknownNamesAreRejectedWithTheExpectedPatterns() {
        assertThatThrownBy(() -> GroupSplitter.groups(List.of(new GroupSplitter.Candidate("ok", "photo.jpg"))))
                .hasMessageContaining("ok/photo.jpg").hasMessageContaining("exp<k>_num_<frame>.jpg");
    }

    @Test
    void magneticTileViewsOfOneRegionStayTogether() {
        List<GroupSplitter.Candidate> c = List.of(
                new GroupSplitter.Candidate("blowhole", "exp1_num_100.jpg"),
                new GroupSplitter.Candidate("blowhole", "exp2_num_101.jpg"),
                new GroupSplitter.Candidate("blowhole", "exp3_num_102.jpg"),
                new GroupSplitter.Candidate("blowhole", "exp1_num_900.jpg"),
                new GroupSplitter.Candidate("blowhole", "exp2_num_5000.jpg"));
        List<String> groups = GroupSplitter.groups(c);
        assertThat(groups.subList(0, 3)).containsOnly("blowhole_100");
        assertThat(groups.get(3)).isEqualTo("blowhole_900");
        assertThat(groups.get(4)).isEqualTo("blowhole_5000");
    }

    @Test
    void theFullDatasetSplitsByGroupWithNoGroupInTwoSplits() {
        DatasetIndex index = DatasetIndex.scan(TestData.sharedBsdata());
        Map<String, Set<Split>> splitsOfGroup = new HashMap<>();
        index.images().forEach(i -> splitsOfGroup.computeIfAbsent(i.group(), g -> new HashSet<>())
                .add(i.split()));
        assertThat(splitsOfGroup.values()).allSatisfy(s -> assertThat(s).hasSize(1));
        Map<Split, Long> counts = index.images().stream()
                .collect(Collectors.groupingBy(LabeledImage::split, Collectors.counting()));
        assertThat(index.images()).hasSize(740);
        assertThat(counts.get(Split.TRAIN)).isEqualTo(446);
        assertThat(counts.get(Split.TRAIN) + counts.get(Split.VALIDATION) + counts.get(Split.TEST)).isEqualTo(740);
        assertThat(index.images(Split.TEST)).anySatisfy(i -> assertThat(i.group()).isEqualTo("490000_180"));
    }
}

package io.tessera.model.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.vision.OpenCv;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

class StationLookTest {
    @BeforeAll
    static void loadOpenCv() {
        OpenCv.load();
    }

    private static Mat grey() {
        Mat m = new Mat(64, 64, CvType.CV_8UC3, new Scalar(120, 120, 120));
        Core.randu(m, 60, 200);
        return m;
    }

    private static byte[] bytes(Mat m) {
        byte[] b = new byte[(int) (m.total() * m.channels())];
        m.get(0, 0, b);
        return b;
    }

    @Test
    void theSameRandomSourceGivesTheSameTileSoAResumedRunSeesTheSameBatches() {
        Mat a = grey();
        Mat b = a.clone();
        StationLook.apply(a, Augmentation.station(), new SplittableRandom(42));
        StationLook.apply(b, Augmentation.station(), new SplittableRandom(42));
        assertThat(bytes(a)).isEqualTo(bytes(b));
    }

    @Test
    void theStationPresetChangesTheLookAndTheStandardOneLeavesItToContrastAndBrightness() {
        Mat original = grey();
        Mat station = original.clone();
        Mat standard = original.clone();
        StationLook.apply(station, Augmentation.station(), new SplittableRandom(7));
        StationLook.apply(standard, Augmentation.standard(), new SplittableRandom(7));
        assertThat(bytes(station)).isNotEqualTo(bytes(original));
        assertThat(bytes(standard)).isEqualTo(bytes(original));
    }

    @Test
    void presetsAreChosenByNameAndAnUnknownNameSaysWhichExist() {
        assertThat(Augmentation.preset("Station")).isEqualTo(Augmentation.station());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Augmentation.preset("heavy"))
                .hasMessageContaining("--augment").hasMessageContaining("standard, station or none");
    }
}

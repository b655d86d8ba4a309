package io.tessera.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {
    @Test
    void warmsUpThenDecaysToTheFloor() {
        LearningRateSchedule s = new LearningRateSchedule(1e-3f, 9, 109, 0.01f);
        assertThat(s.at(1)).isCloseTo(1e-4f, within(1e-9f));
        assertThat(s.at(9)).isCloseTo(9e-4f, within(1e-9f));
        assertThat(s.at(10)).isLessThanOrEqualTo(1e-3f).isGreaterThan(0.99e-3f);
        assertThat(s.at(59)).isCloseTo(0.505e-3f, within(1e-6f));
        assertThat(s.at(109)).isCloseTo(1e-5f, within(1e-9f));
    }
}

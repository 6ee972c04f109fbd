package dev.emostream.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ScheduleAndWeightsTest {

    @Test
    void rateHalvesAfterAPlateauAndTrainingStopsAfterPatience() {
        // Given a schedule at 1e-3 that halves after 2 flat epochs and stops after 3 without better accuracy
        PlateauSchedule s = new PlateauSchedule(1e-3f, 0.5f, 1e-4f, 2, 3);

        // When the loss improves once, then stays flat
        assertThat(s.record(1.0, 0.50)).isTrue();
        s.record(1.0, 0.49);
        assertThat(s.rate()).isEqualTo(1e-3f);
        s.record(1.0, 0.49);

        // Then the rate is halved after two flat epochs, and training stops after three without a better accuracy
        assertThat(s.rate()).isEqualTo(5e-4f);
        assertThat(s.shouldStop()).isFalse();
        s.record(1.0, 0.48);
        assertThat(s.shouldStop()).isTrue();
        assertThat(s.bestAccuracy()).isEqualTo(0.50);
    }

    @Test
    void balancedWeightsEqualiseClassesAndKeepTheMeanImageWeightAtOne() {
        int[] counts = {100, 10, 890};
        float[] w = ClassWeighting.BALANCED.weights(counts);
        // Every class counts the same in total...
        assertThat((double) w[0] * counts[0]).isCloseTo(w[1] * counts[1], within(1e-3));
        assertThat((double) w[2] * counts[2]).isCloseTo(w[1] * counts[1], within(1e-3));
        // ...and the mean weight over images is 1
        assertThat((w[0] * 100 + w[1] * 10 + w[2] * 890) / 1000.0).isCloseTo(1.0, within(1e-5));
        assertThat(ClassWeighting.NONE.weights(counts)).containsOnly(1f);
        assertThat(ClassWeighting.SQRT.weights(counts)[1]).isLessThan(w[1]).isGreaterThan(1f);
    }
}

package dev.emostream.trainer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsTest {
    private static final List<String> THREE = List.of("happy", "sad", "neutral");

    @Test
    void figuresOfAKnownConfusionMatrix() {
        // Given a confusion matrix (rows true, columns predicted) worked out by hand
        int[][] confusion = {
            {8, 1, 1},   // happy: 10, 8 right
            {2, 5, 3},   // sad: 10, 5 right
            {0, 0, 10}}; // neutral: 10, all right

        // When its figures are computed
        Metrics m = Metrics.fromConfusion(THREE, confusion, 0.5, 0.9, 1.0);

        // Then accuracy, precision, recall and F1 are what the arithmetic says
        assertThat(m.count()).isEqualTo(30);
        assertThat(m.accuracy()).isCloseTo(23.0 / 30, within(1e-12));
        assertThat(m.perClass().get("happy").precision()).isCloseTo(8.0 / 10, within(1e-12));
        assertThat(m.perClass().get("sad").precision()).isCloseTo(5.0 / 6, within(1e-12));
        assertThat(m.perClass().get("sad").recall()).isCloseTo(0.5, within(1e-12));
        assertThat(m.perClass().get("neutral").precision()).isCloseTo(10.0 / 14, within(1e-12));
        double f1Sad = 2 * (5.0 / 6) * 0.5 / (5.0 / 6 + 0.5);
        assertThat(m.perClass().get("sad").f1()).isCloseTo(f1Sad, within(1e-12));
        assertThat(m.perClass().get("neutral").support()).isEqualTo(10);
    }

    @Test
    void topKAndLossFromProbabilities() {
        // Given three images: right at rank 1, rank 2 and rank 3
        int[] labels = {0, 1, 2};
        float[] p = {
            0.7f, 0.2f, 0.1f,
            0.6f, 0.3f, 0.1f,
            0.5f, 0.3f, 0.2f};

        // When scored
        Metrics m = Metrics.of(THREE, labels, p);

        // Then top-1, top-2 and top-3 count 1, 2 and 3 of them; the loss is the mean -ln p(true)
        assertThat(m.accuracy()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(m.top2()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(m.top3()).isCloseTo(1.0, within(1e-12));
        assertThat(m.loss()).isCloseTo(-(Math.log(0.7f) + Math.log(0.3f) + Math.log(0.2f)) / 3, within(1e-6));
        assertThat(m.confusion()[1][0]).isEqualTo(1);
        assertThat(m.toMap()).containsKeys("accuracy", "count", "confusion", "perClass");
    }
}

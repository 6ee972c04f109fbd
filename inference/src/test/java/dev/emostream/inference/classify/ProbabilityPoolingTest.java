package dev.emostream.inference.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProbabilityPoolingTest {
    // Two members, one row of three classes: the first sure of class 0, the second torn between 1 and 2
    private static final float[] SURE = {0.90f, 0.05f, 0.05f};
    private static final float[] TORN = {0.10f, 0.45f, 0.45f};

    @Test
    void theMeanIsTheWeightedArithmeticMean() {
        // When the sure member weighs 1 and the torn one 3
        float[] p = ProbabilityPooling.MEAN.pool(List.of(SURE, TORN), new double[] {1, 3}, 3);

        // Then each class gets (1 * sure + 3 * torn) / 4
        assertThat(p).containsExactly(new float[] {0.30f, 0.35f, 0.35f}, within(1e-6f));
    }

    @Test
    void theGeometricMeanIsRenormalisedAndFavoursWhatEveryMemberFindsLikely() {
        // When the same members are pooled with equal weights
        float[] p = ProbabilityPooling.GEOMETRIC.pool(List.of(SURE, TORN), new double[] {1, 1}, 3);

        // Then each class gets sqrt(sure * torn), renormalised: 0.3 / (0.3 + 0.15 + 0.15) for class 0, where the
        // arithmetic mean gives it 0.5
        double a = Math.sqrt(0.90 * 0.10);
        double b = Math.sqrt(0.05 * 0.45);
        double total = a + 2 * b;
        assertThat(p).containsExactly(new float[] {(float) (a / total), (float) (b / total), (float) (b / total)}, within(1e-6f));
        assertThat(p[0]).isCloseTo(0.5f, within(1e-6f));
        assertThat(ProbabilityPooling.MEAN.pool(List.of(SURE, TORN), new double[] {1, 1}, 3)[0]).isCloseTo(0.5f, within(1e-6f));

        // And with weights 1 and 3 the torn member's doubt about class 0 wins: 0.9^(1/4) * 0.1^(3/4) against
        // 0.05^(1/4) * 0.45^(3/4) for each of the others
        float[] weighted = ProbabilityPooling.GEOMETRIC.pool(List.of(SURE, TORN), new double[] {1, 3}, 3);
        double a3 = Math.pow(0.90, 0.25) * Math.pow(0.10, 0.75);
        double b3 = Math.pow(0.05, 0.25) * Math.pow(0.45, 0.75);
        assertThat(weighted[0]).isCloseTo((float) (a3 / (a3 + 2 * b3)), within(1e-6f));
        assertThat(weighted[0]).isLessThan(weighted[1]);
    }

    @Test
    void aMemberThatRulesAClassOutVetoesItOnlyDownToTheFloor() {
        // Given a member that gives class 0 no probability at all, and one sure of it
        float[] never = {0f, 0.5f, 0.5f};
        float[] sure = {0.98f, 0.01f, 0.01f};

        // When they are pooled geometrically
        float[] p = ProbabilityPooling.GEOMETRIC.pool(List.of(never, sure), new double[] {1, 1}, 3);

        // Then class 0 gets sqrt(FLOOR * 0.98), renormalised, not 0 (and nothing is NaN)
        double a = Math.sqrt(ProbabilityPooling.FLOOR * 0.98);
        double b = Math.sqrt(0.5 * 0.01);
        assertThat(p[0]).isCloseTo((float) (a / (a + 2 * b)), within(1e-7f)).isPositive();
    }

    @Test
    void aMemberOfWeightZeroIsLeftOutAndBadShapesAreNamed() {
        assertThat(ProbabilityPooling.GEOMETRIC.pool(List.of(SURE, TORN), new double[] {0, 2}, 3))
                .containsExactly(TORN, within(1e-6f));
        assertThatThrownBy(() -> ProbabilityPooling.MEAN.pool(List.of(SURE, new float[6]), new double[] {1, 1}, 3))
                .hasMessage("member 1 has 6 probabilities, member 0 3");
        assertThatThrownBy(() -> ProbabilityPooling.MEAN.pool(List.of(SURE), new double[] {1, 1}, 3))
                .hasMessage("1 members for 2 weights");
        assertThatThrownBy(() -> ProbabilityPooling.MEAN.pool(List.of(SURE, TORN), new double[] {0, 0}, 3))
                .hasMessageContaining("weights summing to 0.0");
    }

    @Test
    void cardNamesReadBackAndAnAbsentNameMeansTheArithmeticMean() {
        assertThat(ProbabilityPooling.cardNames()).containsExactly("mean", "geometric");
        assertThat(ProbabilityPooling.ofCardName("geometric")).isEqualTo(ProbabilityPooling.GEOMETRIC);
        assertThat(ProbabilityPooling.ofCardName(null)).isEqualTo(ProbabilityPooling.MEAN);
        assertThat(ProbabilityPooling.GEOMETRIC.description()).isEqualTo("geometric mean");
        assertThatThrownBy(() -> ProbabilityPooling.ofCardName("median"))
                .hasMessage("unknown way to combine members 'median' (accepted: mean, geometric)");
    }
}

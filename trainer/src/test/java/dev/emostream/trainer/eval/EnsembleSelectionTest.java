package dev.emostream.trainer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.emostream.inference.classify.ProbabilityPooling;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Greedy forward selection on hand-made answers: which members it picks, how often, and what it reports. */
class EnsembleSelectionTest {
    private static final int C = 2;
    private static final int N = 10;

    @Test
    void twoComplementaryMembersArePickedAndAMemberThatIsAlwaysWrongIsNot() {
        // Given 10 rows of class 0; A is right (confidently) on rows 0-5, B on rows 4-9 (less so), C never
        int[] labels = new int[N];
        float[] a = answers(i -> i <= 5 ? 0.9f : 0.45f);
        float[] b = answers(i -> i >= 4 ? 0.7f : 0.2f);
        float[] c = answers(i -> 0.1f);

        // When weights are selected over 2 rounds
        EnsembleSelection.Result r = EnsembleSelection.select(List.of(a, b, c), labels, C, 2);

        // Then round 1 takes A (6 of 10, tied with B but with the lower loss) and round 2 adds B (A + B is right on
        // every row: 0.45 + 0.7 > 0.55 + 0.3 on rows 6-9): A and B once each, C never
        assertThat(r.accuracyPerRound()).containsExactly(0.6, 1.0);
        assertThat(r.weights()).containsExactly(1, 1, 0);
        assertThat(r.membersUsed()).isEqualTo(2);
        assertThat(r.accuracy()).isEqualTo(1.0);

        // And with more rounds, a round that keeps 10 of 10 with a lower loss wins the tie (A again: 2A + B), C still never
        EnsembleSelection.Result longer = EnsembleSelection.select(List.of(a, b, c), labels, C, 3);
        assertThat(longer.weights()).containsExactly(2, 1, 0);
        assertThat(longer.loss()).isLessThan(r.loss());

        // And the weighted average is the members' mean by weight
        float[] mean = ProbabilityPooling.MEAN.pool(List.of(a, b, c), r.weights(), C);
        assertThat(mean[0]).isEqualTo((0.9f + 0.2f) / 2);
    }

    @Test
    void theEnsembleWithoutEachMemberShowsWhatThatMemberAdds() {
        // Given 10 rows of class 0: A right on rows 0-5, B on rows 4-9, C right on rows 0-2 only, weights 1 / 1 / 0
        int[] labels = new int[N];
        float[] a = answers(i -> i <= 5 ? 0.9f : 0.45f);
        float[] b = answers(i -> i >= 4 ? 0.7f : 0.2f);
        float[] c = answers(i -> i <= 2 ? 0.6f : 0.4f);

        // When each member is left out in turn
        double[] without = EnsembleSelection.accuracyWithoutEach(List.of(a, b, c), new double[] {1, 1, 0}, ProbabilityPooling.MEAN, labels, C);

        // Then without A only B is left (6 of 10), without B only A (6 of 10), and C, weighing nothing, has no figure
        assertThat(without[0]).isEqualTo(0.6);
        assertThat(without[1]).isEqualTo(0.6);
        assertThat(without[2]).isNaN();

        // And a member that is the whole ensemble has none either
        assertThat(EnsembleSelection.accuracyWithoutEach(List.of(a, b), new double[] {1, 0}, ProbabilityPooling.MEAN, labels, C)).containsExactly(Double.NaN, Double.NaN);
    }

    @Test
    void answersOfTheWrongLengthAreRefused() {
        assertThatThrownBy(() -> EnsembleSelection.select(List.of(new float[4], new float[3]), new int[2], C, 1))
                .hasMessage("expected 4 probabilities per member, got 3");
    }

    /** {@link #N} rows: row {@code i} gives class 0 the probability {@code p(i)}, class 1 the rest. */
    private static float[] answers(java.util.function.IntToDoubleFunction p) {
        float[] probabilities = new float[N * C];
        for (int i = 0; i < N; i++) {
            set(probabilities, i, (float) p.applyAsDouble(i));
        }
        return probabilities;
    }

    /** Row {@code i}: probability {@code p} for class 0, the rest for class 1. */
    private static void set(float[] probabilities, int i, float p) {
        probabilities[i * C] = p;
        probabilities[i * C + 1] = 1 - p;
    }
}

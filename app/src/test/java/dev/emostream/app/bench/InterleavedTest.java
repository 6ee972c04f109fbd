package dev.emostream.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The interleaving of timed passes, on fake passes whose rate is fixed by the machine's speed at the time they run. */
class InterleavedTest {
    private final List<String> order = new ArrayList<>();
    /** The machine's speed for each successive pass: fast, then slow, then fast again. */
    private final double[] speed = {1.0, 1.0, 1.0, 0.5, 0.5, 0.5, 1.0, 1.0, 1.0};
    private int passes;

    private Interleaved.Lane lane(String name, double rateAtFullSpeed) {
        return new Interleaved.Lane(name, () -> {
            order.add(name);
            return rateAtFullSpeed * speed[passes++];
        });
    }

    @Test
    void runsEachLaneOncePerRoundStartingOneLaterEachRound() throws Exception {
        // Given three lanes, one twice as fast as another, on a machine that halves its speed for the second round
        // When they run for three rounds
        Map<String, double[]> rates = Interleaved.run(3, List.of(lane("a", 100), lane("b", 50), lane("c", 10)));

        // Then each round runs every lane once, the first round from a, the second from b, the third from c
        assertThat(order).containsExactly("a", "b", "c", "b", "c", "a", "c", "a", "b");
        // and each lane's rates are in round order, the slow round halving them all
        assertThat(rates).containsOnlyKeys("a", "b", "c");
        assertThat(rates.get("a")).containsExactly(100, 50, 100);
        assertThat(rates.get("b")).containsExactly(50, 25, 50);
        assertThat(rates.get("c")).containsExactly(10, 5, 10);
        // so the ratio within each round is the same although the rates swung by half
        assertThat(Interleaved.ratios(rates.get("a"), rates.get("b"))).containsExactly(2, 2, 2);
        assertThat(Interleaved.ratio("a / c", rates.get("a"), rates.get("c")).median()).isEqualTo(10.0);
    }

    @Test
    void theMedianRatioIgnoresOneDisturbedRound() {
        // Given rates in which the second round of a was disturbed
        double[] a = {100, 60, 104, 98, 101};
        double[] b = {50, 52, 51, 49, 50};

        // When taking the median of the per-round ratios
        // Then it is the middle of 2.0, 1.15, 2.04, 2.0, 2.02
        assertThat(Interleaved.ratio("a / b", a, b).median()).isEqualTo(2.0);
    }

    @Test
    void refusesNoRoundsDuplicateNamesAndUnequalRounds() {
        assertThatThrownBy(() -> Interleaved.run(0, List.of(lane("a", 1))))
                .hasMessage("need at least one round and one lane, got 0 and 1");
        assertThatThrownBy(() -> Interleaved.run(1, List.of(lane("a", 1), lane("a", 2)))).hasMessage("two lanes are named a");
        assertThatThrownBy(() -> Interleaved.ratios(new double[2], new double[3])).hasMessage("rounds differ: 2 and 3");
    }
}

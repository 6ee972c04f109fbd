package dev.emostream.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The warm-up's stopping rule, on fake clocks: each pass takes one second of wall time and some JIT work. */
class RepeatTest {
    private final AtomicLong wallNanos = new AtomicLong();
    private final AtomicLong jitMillis = new AtomicLong();

    /** A pass of one second during which the JIT works {@code jitMillisPerPass[pass - 1]} ms (the last value after that). */
    private Repeat.Block pass(long... jitMillisPerPass) {
        AtomicLong passes = new AtomicLong();
        return () -> {
            int i = (int) Math.min(passes.getAndIncrement(), jitMillisPerPass.length - 1);
            wallNanos.addAndGet(1_000_000_000L);
            jitMillis.addAndGet(jitMillisPerPass[i]);
            return 1;
        };
    }

    private Repeat.WarmUp warmUp(int maxPasses, Duration budget, Repeat.Block pass) throws Exception {
        return Repeat.warmUp(maxPasses, budget, 0.05, pass, wallNanos::get, jitMillis::get);
    }

    @Test
    void stopsAfterThreePassesInARowWhoseCompilationIsUnderTheShare() throws Exception {
        // Given passes during which the JIT works 900, 400 and 60 ms of each second, then 49 ms (under 5%) once,
        // 300 ms again (C2 compiling a big method late), then 10 ms for good
        // When warming up with room for 100 passes and 2 minutes
        Repeat.WarmUp w = warmUp(100, Duration.ofMinutes(2), pass(900, 400, 60, 49, 300, 10));

        // Then the one quiet pass does not end it: it stops after three quiet passes in a row (passes 6 to 8), in 8 s
        assertThat(Repeat.SETTLED_PASSES).isEqualTo(3);
        assertThat(w).isEqualTo(new Repeat.WarmUp(8, 8.0, true));
    }

    @Test
    void stopsAtMaxPassesOrTheBudgetWhicheverComesFirst() throws Exception {
        // Given a JIT that never settles (500 ms of each 1 s pass)
        // When the pass limit is 5 and the budget 2 minutes, or the limit 100 and the budget 3 s
        Repeat.WarmUp byPasses = warmUp(5, Duration.ofMinutes(2), pass(500));
        Repeat.WarmUp byBudget = warmUp(100, Duration.ofSeconds(3), pass(500));

        // Then each stops at its limit and says the JIT had not settled
        assertThat(byPasses).isEqualTo(new Repeat.WarmUp(5, 5.0, false));
        assertThat(byBudget).isEqualTo(new Repeat.WarmUp(3, 3.0, false));
        assertThat(byBudget.toString()).isEqualTo("3 passes, 3 s, stopped by its limit before the JIT settled");
    }

    @Test
    void refusesFewerThanOnePass() {
        assertThatThrownBy(() -> warmUp(0, Duration.ofMinutes(1), pass(0))).hasMessage("maxPasses must be at least 1, got 0");
    }
}
